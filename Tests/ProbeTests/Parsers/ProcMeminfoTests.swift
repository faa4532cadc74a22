import Probe
import Testing

@Suite struct ProcMeminfoTests {
    @Test func kibibytesBecomeBytes() throws {
        let tree = try TempTree()
        try tree.write("proc/meminfo", "MemTotal:        7820000 kB\nMemFree:         1000 kB\nMemAvailable:    5120000 kB")
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.memTotalBytes == 7_820_000 * 1024)
        #expect(info.memAvailableBytes == 5_120_000 * 1024)
    }

    @Test func missingTotalIsRecorded() throws {
        let tree = try TempTree()
        try tree.write("proc/meminfo", "garbage")
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.memTotalBytes == nil)
        #expect(info.unreadable.contains(Unreadable(path: "/proc/meminfo", reason: "no MemTotal line")))
    }
}
