@testable import Probe
import Testing

@Suite struct NvTegraReleaseTests {
    @Test(arguments: [
        ("# R36 (release), REVISION: 4.3, GCID: 38968081, BOARD: generic, EABI: aarch64, DATE: Wed Jan  8 01:49:37 UTC 2025\n# KERNEL_VARIANT: oot\n", "36.4.3"),
        ("# R32 (release), REVISION: 7.1, GCID: 29818004, BOARD: t210ref, EABI: aarch64, DATE: Sat Feb 19 17:05:08 UTC 2022", "32.7.1"),
        ("# R39 (release), REVISION: 2.0, GCID: 45755727, BOARD: generic, EABI: aarch64, DATE: Mon Jun  1 09:28:48 PM UTC 2026", "39.2.0"),
    ])
    func parsesTheFirstLine(text: String, release: String) {
        #expect(NvTegraRelease.parse(text) == release)
    }

    @Test func garbageIsRecorded() throws {
        let tree = try TempTree()
        try tree.write("etc/nv_tegra_release", "hello")
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.l4tRelease == nil)
        #expect(info.unreadable.contains { $0.path == "/etc/nv_tegra_release" && $0.reason.contains("'hello'") })
    }
}

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
