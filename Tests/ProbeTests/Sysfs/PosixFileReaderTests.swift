import Foundation
import Probe
import Testing

@Suite struct PosixFileReaderTests {
    let reader = PosixFileReader()

    @Test func readsWholeFilesAndListsSorted() throws {
        let tree = try TempTree()
        try tree.write("b", "2")
        try tree.write("a", String(repeating: "x", count: 10_000))
        #expect(try reader.readFile(atPath: tree.path("a")).count == 10_001)
        #expect(try reader.listDirectory(atPath: tree.root) == ["a", "b"])
    }

    @Test func missingFileIsMissing() {
        #expect(throws: ReadFailure(.missing, "no such file")) { try reader.readFile(atPath: "/nonexistent/edgepilot") }
    }

    /// A file with mode 000 fails with EACCES, except for root, which bypasses modes.
    @Test func unreadableFileIsPermissionDenied() throws {
        let tree = try TempTree()
        try tree.write("secret", "1")
        #expect(chmod(tree.path("secret"), 0) == 0)
        if geteuid() == 0 {
            #expect(try reader.readFile(atPath: tree.path("secret")) == "1\n")
        } else {
            #expect(throws: ReadFailure.self) { try reader.readFile(atPath: tree.path("secret")) }
        }
    }

    @Test(arguments: [(EAGAIN, ReadFailure.Kind.busy), (ENODATA, .noData), (EACCES, .permissionDenied), (EIO, .ioError)])
    func errnoMapsToKind(code: Int32, kind: ReadFailure.Kind) {
        #expect(ReadFailure.errno(code).kind == kind)
    }

    @Test func resolvesRelativeSymlinks() throws {
        let tree = try TempTree()
        try tree.write("sys/devices/x/name", "ina3221")
        try tree.link("sys/class/hwmon/hwmon1", to: "../../devices/x")
        #expect(reader.resolvingSymlinks(atPath: tree.path("sys/class/hwmon/hwmon1"))?.hasSuffix("/sys/devices/x") == true)
    }
}
