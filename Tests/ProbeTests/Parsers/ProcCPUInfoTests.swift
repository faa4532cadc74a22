@testable import Probe
import Testing

@Suite struct ProcCPUInfoTests {
    @Test func raspberryPiBoardLinesFollowTheLastBlock() throws {
        let text = try PosixFileReader().readFile(atPath: Fixtures.board("raspberry-pi-5") + "/proc/cpuinfo")
        let cpuinfo = ProcCPUInfo(parsing: text)
        #expect(cpuinfo.processors.count == 4)
        #expect(cpuinfo.architecture == "aarch64")
        #expect(cpuinfo.processors[3].part == "0xd0b")
        #expect(cpuinfo.board["Revision"] == "d04170")
        #expect(cpuinfo.board["Model"] == "Raspberry Pi 5 Model B Rev 1.0")
    }

    @Test func x86ModelNameAndFlags() throws {
        let text = try PosixFileReader().readFile(atPath: Fixtures.board("x86-rapl") + "/proc/cpuinfo")
        let cpuinfo = ProcCPUInfo(parsing: text)
        #expect(cpuinfo.processors.count == 16)
        #expect(cpuinfo.architecture == "x86_64")
        #expect(cpuinfo.processors[0].modelName == "13th Gen Intel(R) Core(TM) i5-1340P")
        #expect(ISAFeatures.common(cpuinfo.processors, architecture: "x86_64").contains("avx_vnni"))
    }

    @Test(arguments: [("0x41", "0xd42", "Cortex-A78AE"), ("0x41", "0xd0b", "Cortex-A76"), ("0x41", "0xd05", "Cortex-A55"),
                      ("0x4e", "0x004", "Carmel"), ("0x4e", "0x003", "Denver 2"), ("0x41", "0xd4f", "Neoverse-V2"),
                      ("0x41", "0xfff", "unknown core (implementer 0x41, part 0xfff)")])
    func corePartNames(implementer: String, part: String, name: String) {
        #expect(CorePartNames.name(implementer: implementer, part: part) == name)
    }

    /// big.LITTLE parts can differ in features: only those on every core count.
    @Test func featuresCommonToAllCores() {
        let cpuinfo = ProcCPUInfo(parsing: """
            processor\t: 0
            Features\t: fp asimd asimddp i8mm

            processor\t: 1
            Features\t: fp asimd asimddp

            """)
        #expect(ISAFeatures.common(cpuinfo.processors, architecture: "aarch64") == ["fp", "asimd", "asimddp"])
    }
}
