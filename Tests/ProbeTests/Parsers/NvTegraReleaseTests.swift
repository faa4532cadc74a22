@testable import Probe
import Testing

@Suite struct NvTegraReleaseTests {
    @Test(arguments: [
        ("# R36 (release), REVISION: 4.3, GCID: 38968081, BOARD: generic, EABI: aarch64, DATE: Wed Jan  8 01:49:37 UTC 2025\n# KERNEL_VARIANT: oot\n", "36.4.3"),
        ("# R32 (release), REVISION: 7.1, GCID: 29818004, BOARD: t210ref, EABI: aarch64, DATE: Sat Feb 19 17:05:08 UTC 2022", "32.7.1"),
        ("# R39 (release), REVISION: 2.0, GCID: 45755727, BOARD: generic, EABI: aarch64, DATE: Mon Jun  1 09:28:48 PM UTC 2026", "39.2.0"),
    ])
    func parsesTheFirstLine(text: String, release: String) {
        #expect(NvTegraRelease.parse(text) == release)
    }

    @Test func garbageIsRecorded() throws {
        let tree = try TempTree()
        try tree.write("etc/nv_tegra_release", "hello")
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.l4tRelease == nil)
        #expect(info.unreadable.contains { $0.path == "/etc/nv_tegra_release" && $0.reason.contains("'hello'") })
    }
}
