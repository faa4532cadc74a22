@testable import Energy
import Foundation
import Testing

/// Reads of one integer file: kept open with pread on sysfs, reopened elsewhere (so a file
/// replaced by rename is seen), errors naming the file.
@Suite struct RailFileTests {
    @Test func aReplacedFileIsReadAfresh() throws {
        let tree = try Boards.copy("generic-arm64-hwmon")
        let path = tree.root + "/value"
        try Data("41\n".utf8).write(to: URL(fileURLWithPath: path))
        let file = RailFile(path)
        #expect(try file.integer() == 41 && !file.isKeptOpen)
        try Data("-7\n".utf8).write(to: URL(fileURLWithPath: path + ".new"))
        #expect(rename(path + ".new", path) == 0)
        #expect(try file.integer() == -7)
    }

    /// Any integer attribute of the host's sysfs (present on Linux CI machines) shows the kept path.
    @Test func sysfsFilesStayOpenAndReadTheSameValue() throws {
        let candidates = ["/sys/kernel/mm/transparent_hugepage/khugepaged/pages_to_scan", "/sys/kernel/mm/ksm/pages_to_scan"]
        guard let path = candidates.first(where: { access($0, R_OK) == 0 }) else { return }
        let file = RailFile(path)
        let first = try file.integer()
        #expect(file.isKeptOpen)
        #expect(try file.integer() == first)
    }

    @Test(arguments: [("12", 12), (" 5000\n", 5000), ("-256\n", -256), ("7\0", 7)])
    func parsesWhatSysfsWrites(text: String, value: Int) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { RailFile.parse($0) } == value)
    }

    @Test(arguments: ["", "\n", "-", "1 2", "0x10", "99999999999999999999"])
    func refusesAnythingElse(text: String) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { RailFile.parse($0) } == nil)
    }
}
