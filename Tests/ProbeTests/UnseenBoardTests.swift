@testable import Probe
import Testing

/// Layouts no fixture has, built from the rules of BOARDS.md: the probe must generalise, not
/// be tuned to the seven trees.
@Suite struct UnseenBoardTests {
    /// Orin NX 16 GB on JetPack 5 (R35.3.1): model without "Jetson", INA3221 at hwmon3 under a
    /// path without `bus@0`, uppercase `-therm` zones, two cores taken offline by nvpmodel.
    @Test func orinNXOnJetPack5() throws {
        let tree = try TempTree()
        let board = BoardBuilder(tree: tree)
        try board.deviceTree(
            model: "NVIDIA Orin NX Developer Kit",
            compatible: ["nvidia,p3768-0000+p3767-0000", "nvidia,p3767-0000", "nvidia,tegra234", "nvidia,tegra23x"])
        try board.arm64CPUs(part: "0xd42", online: [0, 1, 2, 3, 4, 5], present: 8)
        try board.cpufreqPolicy(0, related: [0, 1, 2, 3], online: [0, 1, 2, 3], maxKHz: 1_984_000)
        try board.cpufreqPolicy(4, related: [4, 5, 6, 7], online: [4, 5], maxKHz: 1_984_000)
        try board.thermalZone(0, type: "CPU-therm", milliCelsius: "41500")
        try board.thermalZone(1, type: "CV0-therm", milliCelsius: nil)
        try board.ina3221(
            client: "1-0040", devicePath: "sys/devices/platform/c240000.i2c/i2c-1", hwmon: 3,
            channels: [("VDD_IN", 5040, 1200), ("VDD_CPU_GPU_CV", 5032, 300), ("VDD_SOC", 5032, 400)])
        try tree.write("etc/nv_tegra_release",
            "# R35 (release), REVISION: 3.1, GCID: 32827747, BOARD: t186ref, EABI: aarch64, DATE: Sun Mar 19 15:19:21 UTC 2023")
        try tree.write("etc/nvpmodel.conf", "< PM_CONFIG DEFAULT=2 >\n< POWER_MODEL ID=0 NAME=MAXN >\n< POWER_MODEL ID=1 NAME=10W >\n< POWER_MODEL ID=2 NAME=15W >\n< POWER_MODEL ID=3 NAME=25W >")
        try tree.write("var/lib/nvpmodel/status", "pmode:0002 fmode:fanNull")

        let info = try Fixtures.probe(root: tree.root, commands: NoCommands())
        #expect(info.profile == "jetson-orin-nano")
        #expect(info.board.moduleName == "Jetson Orin NX 16GB")
        #expect(info.l4tRelease == "35.3.1")
        #expect(info.jetpack == "5.1.1")
        #expect(info.totalRail == "VDD_IN")
        #expect(info.rails.map(\.name) == ["VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC"])
        #expect(info.rails[0].milliwatts == 6048)
        #expect(info.boardPower.milliwatts == 6048)
        #expect(info.cores.count == 8)
        #expect(info.cores.filter(\.online).map(\.id) == [0, 1, 2, 3, 4, 5])
        #expect(info.cores[7].coreName == "Cortex-A78AE", "an offline core is named after its policy sibling")
        #expect(info.clusters.count == 1)
        #expect(info.powerMode == "15W")
        #expect(info.powerModeInfo == PowerModeInfo(id: 2, name: "15W", nominalWatts: 15, defaultId: 2, source: "/var/lib/nvpmodel/status"))
        #expect(info.thermal.map(\.celsius) == [41.5, nil])
    }

    /// AGX Xavier on JetPack 4: IIO `ina3221x` on two chips, no total rail: board power is the
    /// profile's sum, never one rail taken for the total.
    @Test func agxXavierWithoutTotalRail() throws {
        let tree = try TempTree()
        let board = BoardBuilder(tree: tree)
        try board.deviceTree(model: "Jetson-AGX", compatible: ["nvidia,p2972-0000", "nvidia,galen", "nvidia,tegra194"])
        try board.arm64CPUs(part: "0x004", online: Array(0...7), present: 8)
        for (client, names) in [("1-0040", ["GPU", "CPU", "SOC"]), ("1-0041", ["CV", "VDDRQ", "SYS5V"])] {
            let dir = "sys/devices/3160000.i2c/i2c-1/\(client)/iio:device\(client == "1-0040" ? 0 : 1)"
            try tree.write(dir + "/name", "ina3221x")
            for (channel, name) in names.enumerated() {
                try tree.write(dir + "/rail_name_\(channel)", name)
                try tree.write(dir + "/in_power\(channel)_input", "\(100 * (channel + 1))")
            }
            try tree.link("sys/bus/i2c/drivers/ina3221x/\(client)", to: "../../../../devices/3160000.i2c/i2c-1/\(client)")
        }
        try tree.write("etc/nv_tegra_release", "# R32 (release), REVISION: 7.1, GCID: 29818004, BOARD: t186ref, EABI: aarch64, DATE: x")

        let info = try Fixtures.probe(root: tree.root, commands: NoCommands())
        #expect(info.profile == "jetson-agx-xavier")
        #expect(info.profileMatch == "model 'Jetson-AGX' contains 'Jetson-AGX'")
        #expect(info.cores.allSatisfy { $0.coreName == "Carmel" })
        #expect(info.totalRail == nil)
        #expect(info.boardPower.method == "sum")
        #expect(info.boardPower.rails == ["GPU", "CPU", "SOC", "CV", "VDDRQ", "SYS5V"])
        #expect(info.boardPower.milliwatts == 1200)
        #expect(info.rails.first { $0.name == "SYS5V" }?.role == "sys")
    }

    /// A board no profile knows: the generic profile still finds an INA3221 total by its label.
    @Test func unknownCarrierFallsBackToGeneric() throws {
        let tree = try TempTree()
        let board = BoardBuilder(tree: tree)
        try board.deviceTree(model: "Acme Vision Box", compatible: ["acme,visionbox", "acme,soc9"])
        try board.arm64CPUs(part: "0xd08", online: [0, 1, 2, 3], present: 4, features: "fp asimd")
        try board.ina3221(
            client: "0-0040", devicePath: "sys/devices/platform/i2c@7000", hwmon: 0,
            channels: [("VDD_IN", 12000, 500), (nil, 0, 0), ("VDD_CPU", 5000, 200)])

        let info = try Fixtures.probe(root: tree.root)
        #expect(info.profile == "generic-arm64")
        #expect(info.board.family == "generic")
        #expect(info.cores.first?.coreName == "Cortex-A72")
        #expect(info.features == ["fp", "asimd"])
        #expect(info.totalRail == "VDD_IN")
        #expect(info.rails.map(\.role) == ["total", "cpu"])
    }
}
