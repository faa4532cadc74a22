import Foundation

/// A datagram socket standing in for systemd's `$NOTIFY_SOCKET`: collects what the daemon sends.
final class NotifySocket: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private let lock = NSLock()
    private var received: [String] = []

    init(directory: String) throws {
        path = directory + "/notify.sock"
        unlink(path)  // one left by a daemon test before on the same directory
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8) + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(fd, &buffer, buffer.count, 0)
                guard count > 0 else { return }
                let message = String(decoding: buffer.prefix(count), as: UTF8.self)
                lock.withLock { received.append(message) }
            }
        }
    }

    deinit { close(fd) }

    var messages: [String] { lock.withLock { received } }

    /// Waits up to `seconds` for a message containing `text`.
    func wait(for text: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if messages.contains(where: { $0.contains(text) }) { return true }
            usleep(50_000)
        }
        return false
    }
}
