@testable import Probe
import Testing

@Suite struct NvpmodelTests {
    @Test func warningLinesBeforeTheMode() {
        let parsed = Nvpmodel.parseQuery("NVPM WARN: fan mode is not set!\nNV Power Mode: MODE_30W\n2\n")
        #expect(parsed?.name == "MODE_30W")
        #expect(parsed?.id == 2)
    }

    @Test func confAndStatus() {
        let conf = Nvpmodel.parseConf("< PM_CONFIG DEFAULT=2 >\n< POWER_MODEL ID=0 NAME=MAXN >\nCPU_ONLINE CORE_0 1\n< POWER_MODEL ID=2 NAME=MODE_30W >")
        #expect(conf == Nvpmodel.Conf(modes: [0: "MAXN", 2: "MODE_30W"], defaultId: 2))
        #expect(Nvpmodel.parseStatus("pmode:0002 fmode:quiet") == 2)
        #expect(Nvpmodel.parseStatus("fmode:quiet") == nil)
    }

    /// Without the tool, the status file and conf give the same mode as `nvpmodel -q`.
    @Test func statusFileFallbackAgreesWithTheCommand() throws {
        let viaCommand = try Fixtures.probe(root: Fixtures.board("jetson-agx-orin"))
        let viaFiles = try Fixtures.probe(root: Fixtures.board("jetson-agx-orin"), commands: NoCommands())
        #expect(viaCommand.powerModeInfo?.source == "nvpmodel -q")
        #expect(viaFiles.powerModeInfo?.source == "/var/lib/nvpmodel/status")
        #expect(viaFiles.powerMode == viaCommand.powerMode)
        #expect(viaFiles.powerModeInfo?.id == viaCommand.powerModeInfo?.id)
    }

    @Test func failingCommandIsRecordedAndFilesUsed() throws {
        struct Failing: CommandRunning {
            func output(of arguments: [String]) -> Result<String, ReadFailure>? { .failure(ReadFailure(.ioError, "exited with status 1")) }
        }
        let info = try Fixtures.probe(root: Fixtures.board("jetson-nano"), commands: Failing())
        #expect(info.powerMode == "MAXN")
        #expect(info.unreadable.contains(Unreadable(path: "nvpmodel -q", reason: "exited with status 1")))
    }
}
