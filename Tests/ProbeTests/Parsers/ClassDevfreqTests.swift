@testable import Probe
import Testing

@Suite struct ClassDevfreqTests {
    @Test func maliLoadIsPercentAtHz() {
        #expect(ClassDevfreq.parseMaliLoad("37@800000000Hz") == 37)
        #expect(ClassDevfreq.parseMaliLoad("37") == nil)
    }

    @Test func rknpuLoadIsTheMeanOfItsCores() {
        #expect(ClassDevfreq.parseRKNPULoad("NPU load:  Core0: 30%, Core1:  0%, Core2:  3%,") == 110)
        #expect(ClassDevfreq.parseRKNPULoad("NPU load: 12%") == nil)
    }

    @Test func npuLoadWithoutDebugfsIsRecordedWithWhy() throws {
        let tree = try TempTree(copying: Fixtures.board("generic-arm64-hwmon"))
        try tree.remove("sys/kernel/debug/rknpu/load")
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.gpus.first { $0.kind == "npu" }?.loadPerMille == nil)
        #expect(info.unreadable.contains { $0.path == "/sys/kernel/debug/rknpu/load" && $0.reason.contains("debugfs") })
    }
}
