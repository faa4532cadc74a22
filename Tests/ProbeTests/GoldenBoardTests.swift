import Foundation
import Probe
import Testing

/// The whole `HardwareInfo` of each fixture board against a reviewed golden JSON.
/// `EDGEPILOT_UPDATE_GOLDEN=1 swift test` rewrites the files; review the diff before committing.
@Suite struct GoldenBoardTests {
    @Test(arguments: Fixtures.boards)
    func wholeHardwareInfoMatchesGolden(board: String) throws {
        let info = try Fixtures.probe(root: Fixtures.board(board))
        let goldenPath = Fixtures.golden + "/\(board).json"
        if ProcessInfo.processInfo.environment["EDGEPILOT_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: Fixtures.golden, withIntermediateDirectories: true)
            try (info.jsonData() + Data("\n".utf8)).write(to: URL(fileURLWithPath: goldenPath))
        }
        let golden = try HardwareInfo.fromJSON(Data(contentsOf: URL(fileURLWithPath: goldenPath)))
        #expect(info == golden, "probe of \(board) differs from \(goldenPath); rerun with EDGEPILOT_UPDATE_GOLDEN=1 and review the diff")
    }

    /// The facts each board must get right, stated here so the golden files cannot drift
    /// unnoticed: identity, total rail and its milliwatts.
    @Test(arguments: [
        ("jetson-orin-nano", "jetson-orin-nano", "VDD_IN", 3582.784),
        ("jetson-agx-orin", "jetson-agx-orin", nil, nil),
        ("jetson-nano", "jetson-nano", "POM_5V_IN", 2103.0),
        ("jetson-xavier-nx", "jetson-xavier-nx", "VDD_IN", 6300.0),
        ("raspberry-pi-5", "raspberry-pi", nil, nil),
        ("generic-arm64-hwmon", "rockchip-rk3588", "DC_IN_12V", 6387.5),
        ("x86-rapl", "generic-x86_64", "psys", nil),
    ] as [(String, String, String?, Double?)])
    func boardIdentityAndTotalRail(board: String, profile: String, total: String?, milliwatts: Double?) throws {
        let info = try Fixtures.probe(root: Fixtures.board(board))
        #expect(info.profile == profile)
        #expect(info.totalRail == total)
        #expect(info.rails.first { $0.name == total }?.milliwatts == milliwatts)
    }
}
