import Foundation

/// systemd's notify protocol (sd_notify(3)): one datagram of `KEY=VALUE` lines to the socket in
/// `$NOTIFY_SOCKET`; a name starting with `@` is in the abstract namespace (first byte NUL, the
/// address length counts the name without a trailing NUL). READY=1 once, STATUS= lines a person
/// reads in `systemctl status`, WATCHDOG=1 when `$WATCHDOG_USEC` asks for it (at most every half
/// interval), STOPPING=1 on shutdown. Without `$NOTIFY_SOCKET` every call does nothing.
public final class Notifier: @unchecked Sendable {
    private let path: String?
    private let watchdogInterval: Double?
    private let lock = NSLock()
    private var readySent = false
    private var lastWatchdog = 0.0
    private var lastStatus = ""

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        path = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        let forUs = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
        watchdogInterval = forUs ? environment["WATCHDOG_USEC"].flatMap(Double.init).map { $0 / 1e6 / 2 } : nil
    }

    public func ready() {
        let first: Bool = lock.withLock {
            defer { readySent = true }
            return !readySent
        }
        if first { send("READY=1") }
    }

    public func status(_ text: String) {
        let line = String(text.filter { $0 != "\n" }.prefix(200))
        guard lock.withLock({ defer { lastStatus = line }; return lastStatus != line }) else { return }
        send("STATUS=" + line)
    }

    /// Called on each turn of the policy loop: the watchdog is fed only while that loop lives.
    public func watchdog() {
        guard let interval = watchdogInterval else { return }
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        guard lock.withLock({ () -> Bool in
            guard now - lastWatchdog >= interval else { return false }
            lastWatchdog = now
            return true
        }) else { return }
        send("WATCHDOG=1")
    }

    public func stopping() { send("STOPPING=1") }

    public func reloading() { send("RELOADING=1") }

    private func send(_ message: String) {
        guard let path else { return }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var name = Array(path.utf8)
        let abstract = name.first == UInt8(ascii: "@")
        if abstract { name[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard name.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: name)
            if !abstract { raw[name.count] = 0 }
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + name.count + (abstract ? 0 : 1))
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, bytes, bytes.count, 0, $0, length) }
        }
    }
}
