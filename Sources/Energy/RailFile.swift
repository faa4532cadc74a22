import Foundation
import Synchronization

/// One sysfs file holding an integer. BOARDS.md §0: trim the newline, parse an integer, treat
/// EAGAIN/ENODATA/EACCES as "unavailable now". On sysfs the file stays open and each read is a
/// `pread` at offset 0 (the attribute is regenerated on every read from the start): two
/// syscalls fewer per sample. Anywhere else (a fixture or simulated tree, whose writer replaces
/// files by rename) it is opened, read and closed every time.
public final class RailFile: Sendable {
    /// Absolute path (root prefix included).
    public let path: String
    private let kept = Mutex<Int32>(-1)
    /// Whether the file resolves into the kernel's /sys (decided once, when made).
    let onSysfs: Bool

    public init(_ path: String) {
        self.path = path
        onSysfs = realpath(path, nil).map { resolved in
            defer { free(resolved) }
            return String(cString: resolved).hasPrefix("/sys/")
        } ?? false
    }

    public convenience init(root: String, _ relative: String) {
        self.init((root as NSString).appendingPathComponent(relative))
    }

    deinit {
        let fd = kept.withLock { $0 }
        if fd >= 0 { close(fd) }
    }

    public var exists: Bool { access(path, F_OK) == 0 }
    /// Whether the file is held open between reads (it is on sysfs).
    var isKeptOpen: Bool { kept.withLock { $0 >= 0 } }

    public func integer() throws(EnergyError) -> Int {
        let cached = kept.withLock { $0 }
        if cached >= 0 {
            do {
                return try Self.read(cached, path: path)
            } catch {
                kept.withLock { fd in
                    if fd == cached { close(fd); fd = -1 }
                }
                throw error
            }
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw EnergyError(.read, "\(path): \(Self.describe(errno))") }
        let value: Int
        do {
            value = try Self.read(fd, path: path)
        } catch {
            close(fd)
            throw error
        }
        if onSysfs, kept.withLock({ current -> Bool in
            guard current < 0 else { return false }
            current = fd
            return true
        }) {
            return value
        }
        close(fd)
        return value
    }

    private static func read(_ fd: Int32, path: String) throws(EnergyError) -> Int {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer throws(EnergyError) -> Int in
            let count = pread(fd, buffer.baseAddress, 64, 0)
            if count < 0 { throw EnergyError(.read, "\(path): \(Self.describe(errno))") }
            let bytes = UnsafeBufferPointer(rebasing: buffer[0..<count])
            guard let value = parse(bytes) else {
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
