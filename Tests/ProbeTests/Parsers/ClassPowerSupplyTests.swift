import Probe
import Testing

@Suite struct ClassPowerSupplyTests {
    @Test func batteryPowerFromVoltageAndCurrentAndUCSISkipped() throws {
        let tree = try TempTree()
        try tree.write("sys/class/power_supply/BAT0/type", "Battery")
        try tree.write("sys/class/power_supply/BAT0/voltage_now", "12000000")
        try tree.write("sys/class/power_supply/BAT0/current_now", "-500000")
        try tree.write("sys/class/power_supply/ucsi-source-psy-USBC000:001/voltage_now", "5000000")
        try tree.write("sys/class/power_supply/ucsi-source-psy-USBC000:001/current_now", "3000000")
        try tree.write("sys/class/power_supply/AC/type", "Mains")
        try tree.write("sys/class/power_supply/AC/online", "1")
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.rails.map(\.name) == ["BAT0"])
        #expect(info.rails[0].milliwatts == 6000)
        #expect(info.rails[0].chip == "Battery")
    }

    @Test func powerNowIsMicrowatts() throws {
        let tree = try TempTree()
        try tree.write("sys/class/power_supply/battery/power_now", "7350000")
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.rails.first?.milliwatts == 7350)
    }
}
