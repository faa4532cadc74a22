@testable import Probe
import Testing

@Suite struct JetsonCatalogTests {
    @Test(arguments: [("36.4.3", "6.2"), ("36.4.7", "6.2.1"), ("32.7.1", "4.6.1"), ("38.2.1", "7.0"), ("35.3.1", "5.1.1")])
    func jetpackForKnownReleases(l4t: String, jetpack: String) {
        #expect(JetsonCatalog.jetpack(forL4T: l4t) == jetpack)
    }

    @Test func unknownReleaseHasNoGuessedJetpack() {
        #expect(JetsonCatalog.jetpack(forL4T: "37.1.0") == nil)
        #expect(JetsonCatalog.jetpack(forL4T: "36.4.30") == nil)
    }

    @Test func moduleAndCarrierFromCompatible() {
        var board = BoardIdentity()
        JetsonCatalog.identify(compatible: ["nvidia,p3768-0000+p3767-0003", "nvidia,p3768-0000+p3767-0005", "nvidia,p3767-0003",
                                            "nvidia,p3767-0005", "nvidia,tegra234", "nvidia,tegra23x"], into: &board)
        #expect(board.modulePart == "p3767-0003")
        #expect(board.moduleName == "Jetson Orin Nano 8GB")
        #expect(board.carrierPart == "p3768-0000")
    }
}
