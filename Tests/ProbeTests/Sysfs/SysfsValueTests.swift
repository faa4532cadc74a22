@testable import Probe
import Testing

@Suite struct SysfsValueTests {
    @Test func integersWithNewlinesAndUnitSuffixes() throws {
        #expect(try SysfsValue.integer(SysfsValue.trimmed("45812\n")).get() == 45812)
        #expect(try SysfsValue.integer("32760 ma", suffixes: ["ma"]).get() == 32760)
        #expect(try SysfsValue.integer("-256").get() == -256)
        #expect(throws: ReadFailure.self) { try SysfsValue.integer("32760 ma").get() }
    }

    /// Device-tree `model` ends in one NUL; `compatible` is NUL-separated.
    @Test func deviceTreeStrings() {
        #expect(SysfsValue.deviceTreeStrings("NVIDIA Jetson Nano Developer Kit\0") == ["NVIDIA Jetson Nano Developer Kit"])
        #expect(SysfsValue.deviceTreeStrings("nvidia,p3767-0005\0nvidia,tegra234\0") == ["nvidia,p3767-0005", "nvidia,tegra234"])
    }

    @Test func quotedValuesAreCutAndEscaped() {
        #expect(SysfsValue.quoted("a\u{1}b") == "'a\\u{1}b'")
        #expect(SysfsValue.quoted(String(repeating: "z", count: 100)).count == 43)
    }

    @Test func rootRelativePaths() {
        let root = SysfsRoot(resolvedPath: "/tmp/board/")
        #expect(root.absolute("sys/class") == "/tmp/board/sys/class")
        #expect(root.relative("/tmp/board/sys/class") == "sys/class")
        #expect(root.relative("/elsewhere") == nil)
        #expect(SysfsRoot(resolvedPath: "/").relative("/sys") == "sys")
    }
}
