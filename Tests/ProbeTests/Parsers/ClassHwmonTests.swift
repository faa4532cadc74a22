@testable import Probe
import Testing

@Suite struct ClassHwmonTests {
    /// The Orin Nano tree with its INA3221 renumbered from hwmon1 to hwmon7 (indices change
    /// across boots and releases): the same rails, found by name and label.
    @Test func renumberedHwmonGivesTheSameRails() throws {
        let original = try Fixtures.probe(root: Fixtures.board("jetson-orin-nano"))
        let tree = try TempTree(copying: Fixtures.board("jetson-orin-nano"))
        try tree.remove("sys/class/hwmon/hwmon1")
        try tree.move("sys/devices/platform/bus@0/c240000.i2c/i2c-1/1-0040/hwmon/hwmon1",
                      "sys/devices/platform/bus@0/c240000.i2c/i2c-1/1-0040/hwmon/hwmon7")
        try tree.link("sys/class/hwmon/hwmon7", to: "../../devices/platform/bus@0/c240000.i2c/i2c-1/1-0040/hwmon/hwmon7")
        let renumbered = try Fixtures.probe(root: tree.root)
        func essentials(_ info: HardwareInfo) -> [String] {
            info.rails.map { "\($0.name) \($0.role) \($0.milliwatts ?? -1) \($0.device ?? "")" }
        }
        #expect(essentials(renumbered) == essentials(original))
        #expect(renumbered.totalRail == "VDD_IN")
        #expect(renumbered.rails[0].path?.hasSuffix("hwmon/hwmon7") == true)
    }

    /// Two INA3221 chips carrying the same label (as AGX Orin's two chips could): both kept,
    /// qualified by their i2c client, neither dropped nor summed.
    @Test func twoChipsWithTheSameLabel() throws {
        let tree = try TempTree()
        let board = BoardBuilder(tree: tree)
        try board.deviceTree(model: "NVIDIA Jetson AGX Orin Developer Kit", compatible: ["nvidia,p3737-0000+p3701-0005", "nvidia,tegra234"])
        let bus = "sys/devices/platform/bus@0/c240000.i2c/i2c-1"
        try board.ina3221(client: "1-0040", devicePath: bus, hwmon: 1, channels: [("VDD_GPU_SOC", 19704, 160), ("VDDQ_VDD2_1V8AO", 5008, 60), ("VIN_SYS_5V0", 5008, 900)])
        try board.ina3221(client: "1-0041", devicePath: bus, hwmon: 2, channels: [(nil, 0, 0), ("VDDQ_VDD2_1V8AO", 5008, 40), (nil, 0, 0)])
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.rails.map(\.name) == ["VDD_GPU_SOC", "VDDQ_VDD2_1V8AO@1-0040", "VIN_SYS_5V0", "VDDQ_VDD2_1V8AO@1-0041"])
        #expect(info.rails.filter { $0.name.hasPrefix("VDDQ") }.map(\.role) == ["dram", "dram"])
        #expect(info.totalRail == nil)
        #expect(info.boardPower.rails == ["VDD_GPU_SOC", "VDDQ_VDD2_1V8AO@1-0040", "VIN_SYS_5V0", "VDDQ_VDD2_1V8AO@1-0041"])
    }

    @Test func disabledAndPlaceholderChannelsAndChannel7AreSkipped() throws {
        let tree = try TempTree()
        try BoardBuilder(tree: tree).ina3221(
            client: "1-0041", devicePath: "sys/devices/platform/i2c", hwmon: 0,
            channels: [(nil, 0, 0), ("NC", 0, 0), ("VDD_IN", 5000, 1000)])
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.rails.map(\.name) == ["VDD_IN"])
        #expect(info.rails[0].milliwatts == 5000)
    }

    /// ENODATA on an enabled channel's input (a read error, not a disabled channel): the rail
    /// is listed without a reading and the reason recorded.
    @Test func readErrorOnChannelInput() throws {
        let tree = try TempTree()
        try BoardBuilder(tree: tree).ina3221(
            client: "1-0040", devicePath: "sys/devices/platform/i2c", hwmon: 0,
            channels: [("VDD_IN", 5000, 1000), ("VDD_SOC", 5000, 200)])
        let info = try Fixtures.probe(root: tree.root, reader: FaultInjectingReader(faults: ["hwmon0/curr2_input": .errno(61)]))
        #expect(info.rails.map(\.milliwatts) == [5000, nil])
        #expect(info.unreadable.contains { $0.path.hasSuffix("curr2_input") && $0.reason.contains("ENODATA") })
    }

    /// An INA238 (Thor carrier) reports power1_input in µW; 1000× off is the classic bug.
    @Test func ina2xxPowerIsMicrowatts() throws {
        let tree = try TempTree()
        let dir = "sys/devices/platform/i2c/2-0044/hwmon/hwmon4"
        try tree.write(dir + "/name", "ina238")
        try tree.write(dir + "/power1_input", "24750000")
        try tree.write(dir + "/in1_input", "19800")
        try tree.write(dir + "/curr1_input", "1250")
        try tree.link("sys/class/hwmon/hwmon4", to: "../../devices/platform/i2c/2-0044/hwmon/hwmon4")
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.rails.count == 1)
        #expect(info.rails[0].name == "ina238@2-0044")
        #expect(info.rails[0].milliwatts == 24750)
        #expect(info.rails[0].source == "ina2xx-hwmon")
    }

    @Test(arguments: [
        ("/sys/devices/platform/bus@0/c240000.i2c/i2c-1/1-0040/hwmon/hwmon1", "1-0040"),
        ("/sys/devices/platform/i2c/1-0040/hwmon3", "1-0040"),
    ])
    func deviceNameFromResolvedPath(path: String, expected: String) {
        #expect(ClassHwmon.deviceName(resolvedHwmonPath: path) == expected)
    }
}
