@testable import Probe
import Testing

@Suite struct VcgencmdPMICTests {
    @Test func railsWithCurrentAndVoltageOnly() {
        let rails = VcgencmdPMIC.parse("""
               3V3_SYS_A current(1)=0.12687090A
              VDD_CORE_A current(7)=0.56259000A
               3V3_SYS_V volt(9)=3.32580900V
              VDD_CORE_V volt(15)=0.76798460V
                 EXT5V_V volt(24)=5.14158000V
            """)
        #expect(rails.map(\.name) == ["3V3_SYS", "VDD_CORE"])
        #expect(rails[0].milliwatts == 421.948)
        #expect(rails[1].milliwatts == 432.06)
    }

    @Test func otherPisAnswerCommandNotRegistered() throws {
        struct OldPi: CommandRunning {
            func output(of arguments: [String]) -> Result<String, ReadFailure>? { .success("Command not registered\n") }
        }
        let info = try Fixtures.probe(root: Fixtures.board("raspberry-pi-5"), commands: OldPi())
        #expect(info.rails.isEmpty)
        #expect(info.boardPower.method == "estimated")
        #expect(!info.unreadable.contains { $0.path.contains("vcgencmd") })
    }
}
