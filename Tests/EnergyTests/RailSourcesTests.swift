import Energy
import Foundation
import Probe
import Testing

/// Each source family reads its fixture tree in its own units and agrees with the probe's
/// board power: mV × mA (INA3221 hwmon), mW (ina3221x IIO), µW (INA2xx), µJ with the wrap (RAPL).
@Suite struct RailSourcesTests {
    @Test(arguments: [("jetson-orin-nano", 3582.784), ("jetson-nano", 2103.0), ("generic-arm64-hwmon", 6387.5),
                      ("jetson-agx-orin", 8748.48), ("jetson-xavier-nx", -1)])
    func boardPowerMatchesTheProbe(board: String, milliwatts: Double) throws {
        let root = Boards.root(board)
        let info = try Boards.probe(root)
        let source = try #require(try BoardSource.total(info, root: root))
        guard case .milliwatts(let read) = try source.read() else { Issue.record("\(board): expected power"); return }
        let expected = milliwatts >= 0 ? milliwatts : try #require(info.boardPower.milliwatts)
        #expect(abs(read - expected) < 1e-6, "\(board): \(read) mW vs \(expected) mW from the probe")
    }

    @Test func raplReadsTheCounterAndItsWrap() throws {
        let root = Boards.root("x86-rapl")
        let source = try #require(try BoardSource.total(try Boards.probe(root), root: root))
        #expect(source.kind == .rapl)
        guard case .microjoules(let value, let wrap) = try source.read() else { Issue.record("expected a counter"); return }
        #expect(value == 41_273_002_115)
        #expect(wrap > value)
    }

    @Test func vcgencmdRailsAreRefusedWithTheReason() throws {
        let root = Boards.root("raspberry-pi-5")
        #expect { _ = try BoardSource.total(try Boards.probe(root), root: root) } throws: {
            "\($0)".contains("vcgencmd-pmic") && "\($0)".contains("no sysfs path")
        }
    }

    @Test func powerSupplyPrefersPowerNowElseVoltageTimesCurrent() throws {
        let tree = try Boards.copy("jetson-orin-nano")
        try FileManager.default.createDirectory(atPath: tree.root + "/bat", withIntermediateDirectories: true)
        try tree.write("/bat/voltage_now", "12000000\n")
        try tree.write("/bat/current_now", "-500000\n")
        let supply = PowerSupplySource(name: "BAT0", directory: tree.root + "/bat")
        #expect(try supply.read() == .milliwatts(6000))
        try tree.write("/bat/power_now", "7250000\n")
        #expect(try supply.read() == .milliwatts(7250))
    }

    @Test(arguments: ["", "12a\n", "-\n", "\0\n"])
    func garbledValuesNameTheFile(text: String) throws {
        let tree = try Boards.copy("generic-arm64-hwmon")
        let info = try Boards.probe(tree.root)
        let source = try #require(try BoardSource.total(info, root: tree.root))
        let rail = try #require(info.rails.first { $0.name == "DC_IN_12V" })
        try tree.write(try #require(rail.path) + "/power1_input", text)
        #expect { _ = try source.read() } throws: { "\($0)".contains("power1_input") && "\($0)".contains("not an integer") }
    }

    @Test func aVanishedFileIsAnENOENTErrorNamingIt() throws {
        let tree = try Boards.copy("jetson-orin-nano")
        let info = try Boards.probe(tree.root)
        let source = try #require(try BoardSource.total(info, root: tree.root))
        let rail = try #require(info.rails.first { $0.name == "VDD_IN" })
        try FileManager.default.removeItem(atPath: tree.root + (try #require(rail.path)) + "/curr1_input")
        #expect { _ = try source.read() } throws: { "\($0)".contains("curr1_input") && "\($0)".contains("ENOENT") }
    }
}
