import Foundation
import Testing
@testable import Daemon

/// sd_notify's datagrams, to a path and to an abstract name; the watchdog only when asked.
@Suite struct NotifierTests {
    /// Binds a datagram socket (`@name`: abstract) and returns its fd.
    static func listen(_ name: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(name.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes + (abstract ? [] : [0])) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + (abstract ? 0 : 1))
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        try #require(bound == 0, "bind \(name): errno \(errno)")
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func receive(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : nil
    }

    @Test(arguments: ["path", "abstract"])
    func readyStatusWatchdogAndStoppingArrive(kind: String) throws {
        let name = kind == "abstract" ? "@edgepilot-test-\(UUID().uuidString.prefix(8))"
            : FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8))").path
        let fd = try Self.listen(name)
        defer {
            close(fd)
            if kind == "path" { unlink(name) }
        }
        let notifier = Notifier(environment: ["NOTIFY_SOCKET": name, "WATCHDOG_USEC": "100000"])
        notifier.ready()
        notifier.ready()  // once only
        notifier.status("measuring mnist")
        notifier.status("measuring mnist")  // the same status is not sent twice
        notifier.watchdog()
        notifier.stopping()
        #expect(Self.receive(fd) == "READY=1")
        #expect(Self.receive(fd) == "STATUS=measuring mnist")
        #expect(Self.receive(fd) == "WATCHDOG=1")
        #expect(Self.receive(fd) == "STOPPING=1")
    }

    @Test func withoutAWatchdogOrASocketNothingIsSent() throws {
        let name = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8))").path
        let fd = try Self.listen(name)
        defer {
            close(fd)
            unlink(name)
        }
        Notifier(environment: ["NOTIFY_SOCKET": name, "WATCHDOG_USEC": "100000", "WATCHDOG_PID": "1"]).watchdog()  // another process's
        Notifier(environment: [:]).ready()
        #expect(Self.receive(fd) == nil)
    }
}
