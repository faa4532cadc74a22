import Glibc

/// Reads files with open(2)/read(2), so every failure keeps its errno.
///
/// One open and a read loop per attribute: a second open of an hwmon file starts a new
/// conversion, and a read that fails with EAGAIN must be reported as such, not retried into a
/// stale value (prometheus/procfs `internal/util/sysreadfile.go` does the same for that reason).
public struct PosixFileReader: FileSystemReading {
    /// Attributes are small; anything larger than this is not a sysfs attribute.
    static let maximumBytes = 1 << 20

    public init() {}

    public func readFile(atPath path: String) throws(ReadFailure) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw ReadFailure.errno(Glibc.errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if Glibc.errno == EINTR { continue }
                throw ReadFailure.errno(Glibc.errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > Self.maximumBytes {
                throw ReadFailure(.badValue, "larger than \(Self.maximumBytes) bytes")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public func listDirectory(atPath path: String) throws(ReadFailure) -> [String] {
        guard let dir = opendir(path) else { throw ReadFailure.errno(Glibc.errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public func exists(atPath path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public func resolvingSymlinks(atPath path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
