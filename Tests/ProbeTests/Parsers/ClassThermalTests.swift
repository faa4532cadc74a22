@testable import Probe
import Testing

@Suite struct ClassThermalTests {
    func zones(_ values: [(String, String?)], faults: [String: ReadFailure] = [:]) throws -> HardwareInfo {
        let tree = try TempTree()
        let board = BoardBuilder(tree: tree)
        for (index, value) in values.enumerated() { try board.thermalZone(index, type: value.0, milliCelsius: value.1) }
        return try Fixtures.probe(root: tree.root, reader: FaultInjectingReader(faults: faults))
    }

    @Test func negativeTemperaturesAreReal() throws {
        let info = try zones([("acpitz", "-44000"), ("board", "-500")])
        #expect(info.thermal.map(\.celsius) == [-44, -0.5])
    }

    @Test func garbageAndEmptyValuesAreRecordedAndTheRestReported() throws {
        let info = try zones([("a", "abc"), ("b", ""), ("c", "41000"), ("d", "12.5")])
        #expect(info.thermal.map(\.celsius) == [nil, nil, 41, nil])
        #expect(info.unreadable.contains(Unreadable(path: "/sys/class/thermal/thermal_zone0/temp", reason: "not an integer: 'abc'")))
        #expect(info.unreadable.contains(Unreadable(path: "/sys/class/thermal/thermal_zone1/temp", reason: "empty value")))
        #expect(info.unreadable.contains(Unreadable(path: "/sys/class/thermal/thermal_zone3/temp", reason: "not an integer: '12.5'")))
    }

    @Test func powerGatedZoneReadsEAGAIN() throws {
        let info = try zones([("cv0-thermal", "40000"), ("tj-thermal", "45000")],
            faults: ["thermal_zone0/temp": .errno(11)])
        #expect(info.thermal.map(\.celsius) == [nil, 45])
        #expect(info.unreadable.contains { $0.path.hasSuffix("thermal_zone0/temp") && $0.reason.contains("EAGAIN") })
    }

    @Test func offlineSentinelAndPMICPlaceholder() throws {
        let info = try zones([("GPU-therm", "-256000"), ("PMIC-Die", "100000")])
        #expect(info.thermal[0].celsius == nil)
        #expect(info.unreadable.contains { $0.path.hasSuffix("thermal_zone0/temp") && $0.reason.contains("-256") })
        #expect(info.thermal[1].celsius == nil)
        #expect(info.thermal[1].note?.contains("placeholder") == true)
    }

    @Test func tripPoints() throws {
        let tree = try TempTree()
        try BoardBuilder(tree: tree).thermalZone(0, type: "cpu-thermal", milliCelsius: "50000")
        try tree.write("sys/devices/virtual/thermal/thermal_zone0/trip_point_0_temp", "95500")
        try tree.write("sys/devices/virtual/thermal/thermal_zone0/trip_point_0_type", "passive")
        try tree.write("sys/devices/virtual/thermal/thermal_zone0/trip_point_1_temp", "105000")
        try tree.write("sys/devices/virtual/thermal/thermal_zone0/trip_point_1_type", "critical")
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.thermal[0].trips == [TripPoint(type: "passive", celsius: 95.5), TripPoint(type: "critical", celsius: 105)])
    }
}
