@testable import Probe
import Testing

@Suite struct RailRolesTests {
    func rail(_ name: String, _ milliwatts: Double?) -> PowerRail {
        PowerRail(name: name, role: "unknown", milliwatts: milliwatts, source: "ina3221-hwmon", device: "1-0040")
    }

    let profile = BoardProfile(
        id: "t", name: "t", railRoles: [.init(pattern: "VDD_IN", role: "total"), .init(pattern: "*CPU*", role: "cpu")],
        boardPowerSum: ["VDD_*"], defaultBudgetWatts: 5)

    /// Never a total added to its parts: with a total rail, board power is that rail alone.
    @Test func totalRailIsBoardPowerAlone() {
        var info = HardwareInfo()
        info.rails = [rail("VDD_IN", 5000), rail("VDD_CPU", 1000)]
        RailRoles.apply(profile, to: &info, warn: { _ in })
        #expect(info.totalRail == "VDD_IN")
        #expect(info.boardPower == BoardPower(method: "rail", rails: ["VDD_IN"], milliwatts: 5000,
                                              note: "measured: total-input rail VDD_IN (ina3221-hwmon)"))
        #expect(info.rails.map(\.role) == ["total", "cpu"])
    }

    @Test func twoTotalsAreAmbiguousAndNeitherIsUsed() {
        var info = HardwareInfo()
        var other = rail("VDD_IN", 4000)
        other.device = "1-0041"
        info.rails = [rail("VDD_IN", 5000), other]
        var warnings: [String] = []
        RailRoles.apply(profile, to: &info, warn: { warnings.append($0) })
        #expect(info.totalRail == nil)
        #expect(info.rails.map(\.name) == ["VDD_IN@1-0040", "VDD_IN@1-0041"])
        #expect(warnings.first?.contains("several rails have the role total") == true)
    }

    @Test func sumIsUnknownWhenAPartIsUnreadable() {
        var info = HardwareInfo()
        info.rails = [rail("VDD_CPU", 1000), rail("VDD_GPU", nil)]
        RailRoles.apply(profile, to: &info, warn: { _ in })
        #expect(info.boardPower.method == "sum")
        #expect(info.boardPower.milliwatts == nil)
    }

    @Test func noRailsMeansEstimated() {
        var info = HardwareInfo()
        RailRoles.apply(profile, to: &info, warn: { _ in })
        #expect(info.boardPower.method == "estimated")
        #expect(info.boardPower.note.contains("estimated"))
    }
}
