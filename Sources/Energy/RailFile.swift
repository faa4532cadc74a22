import Foundation

/// One sysfs file holding an integer, read whole on every call (open, read, close: a rail file
/// must be re-read from the start, and a simulated tree replaces files by rename). BOARDS.md §0:
/// trim the newline, parse an integer, treat EAGAIN/ENODATA/EACCES as "unavailable now".
public struct RailFile: Sendable {
    /// Absolute path (root prefix included).
    public let path: String

    public init(_ path: String) { self.path = path }

    public init(root: String, _ relative: String) {
        self.path = (root as NSString).appendingPathComponent(relative)
    }

    public var exists: Bool { access(path, F_OK) == 0 }

    public func integer() throws(EnergyError) -> Int {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw EnergyError(.read, "\(path): \(Self.describe(errno))") }
        defer { close(fd) }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer throws(EnergyError) -> Int in
            let count = read(fd, buffer.baseAddress, 64)
            if count < 0 { throw EnergyError(.read, "\(path): \(Self.describe(errno))") }
            let bytes = UnsafeBufferPointer(rebasing: buffer[0..<count])
            guard let value = Self.parse(bytes) else {
                let text = String(decoding: bytes.prefix(40), as: UTF8.self)
                throw EnergyError(.read, "\(path): not an integer: '\(text.trimmingCharacters(in: .whitespacesAndNewlines))'")
            }
            return value
        }
    }

    /// An optionally negative decimal integer, surrounded by blanks, newlines or NULs
    /// (no Foundation on the sampling path: it runs 100 times a second).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0 }
        var start = 0, end = bytes.count
        while start < end, blank(bytes[start]) { start += 1 }
        while end > start, blank(bytes[end - 1]) { end -= 1 }
        let negative = start < end && bytes[start] == UInt8(ascii: "-")
        if negative { start += 1 }
        guard start < end, end - start <= 18 else { return nil }
        var value = 0
        for i in start..<end {
            let digit = Int(bytes[i]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return negative ? -value : value
    }

    static func describe(_ code: Int32) -> String {
        let name: String
        switch code {
        case EAGAIN: name = "EAGAIN"
        case ENODATA: name = "ENODATA"
        case EACCES: name = "EACCES"
        case ENOENT: name = "ENOENT"
        default: name = "errno \(code)"
        }
        return "\(name) (\(String(cString: strerror(code))))"
    }
}
