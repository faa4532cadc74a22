import Foundation
import Probe
import Testing

@Suite struct ClassPowercapTests {
    /// `energy_uj` is root-only since Linux 5.10. Git keeps no modes, so the test sets the mode
    /// itself; root ignores modes, so as root the same EACCES is injected.
    @Test func rootOnlyEnergyCounterIsRecordedAndTheZoneKept() throws {
        let tree = try TempTree(copying: Fixtures.board("x86-rapl"))
        let counter = "sys/devices/virtual/powercap/intel-rapl/intel-rapl:1/energy_uj"
        #expect(chmod(tree.path(counter), 0o400) == 0)
        #expect(chown(tree.path(counter), 0, 0) == 0 || geteuid() != 0)
        let reader = geteuid() == 0
            ? FaultInjectingReader(faults: ["intel-rapl:1/energy_uj": .errno(EACCES)])
            : FaultInjectingReader(faults: [:])
        let info = try Fixtures.probe(root: tree.root, reader: reader)
        let psys = try #require(info.rails.first { $0.name == "psys" })
        #expect(psys.energyMicrojoules == nil)
        #expect(psys.maxEnergyRangeMicrojoules == 262_143_328_850)
        #expect(info.totalRail == "psys")
        #expect(info.unreadable.contains { $0.path.hasSuffix("intel-rapl:1/energy_uj") && $0.reason.contains("EACCES") })
        #expect(info.rails.first { $0.name == "package-0" }?.energyMicrojoules == 18_342_214_563)
    }

    @Test func withoutPsysBoardPowerIsPackagePlusDRAM() throws {
        let tree = try TempTree(copying: Fixtures.board("x86-rapl"))
        try tree.remove("sys/class/powercap/intel-rapl:1")
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.totalRail == nil)
        #expect(info.boardPower.method == "sum")
        #expect(info.boardPower.rails == ["package-0"])
    }
}
