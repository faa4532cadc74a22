import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 for the registry's tests: serves files with ETags and
/// byte ranges (If-Range honoured), and injects one fault per request from a queue per path —
/// error statuses with Retry-After, a connection dropped mid-body, a slow drip, wrong bytes, a
/// body longer than declared, a server that ignores Range. It also takes POSTs to paths opened
/// with `receive` (the fleet senders' tests): each body is kept, and the faults apply there too,
/// with two more — a connection that stalls without answering and one dropped in the middle of
/// the request body. Every request is recorded.
public final class FaultServer: @unchecked Sendable {
    public enum Fault: Sendable, Equatable {
        case status(Int, retryAfter: String?)
        case dropAfter(Int)
        case drip(bytesPerSecond: Int)
        case wrongBytes
        case oversize(Int)
        case ignoreRange
        /// Reads the request, then neither answers nor closes for this long.
        case stall(seconds: Double)
        /// Closes the connection after reading half of the request body.
        case dropMidBody
    }

    public struct Request: Sendable {
        public var path: String
        public var range: String?
        public var ifRange: String?
        public var method = "GET"
        public var headers: [String: String] = [:]
        public var body = Data()
        /// A POST this server answered 2xx.
        public var accepted = false
    }

    private let lock = NSLock()
    private var files: [String: Data] = [:]
    private var faults: [String: [Fault]] = [:]
    private var log: [Request] = []
    private var sinks: Set<String> = []
    private let listener: Int32
    public let port: UInt16

    public init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        // Only this thread closes the listener, once it is done with it: closed elsewhere, its
        // number could be given to another test's socket while this thread still accepts on it.
        Thread.detachNewThread { [weak self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0, let self, !self.isStopped else {
                    if client >= 0 { close(client) }
                    close(listener)
                    return
                }
                Thread.detachNewThread { self.serve(client) }
            }
        }
    }

    deinit { stop() }

    private var stopped = false

    /// Idempotent: a second close could hit a descriptor number another test has been given since.
    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        shutdown(listener, Int32(SHUT_RDWR))  // wakes the accepting thread, which closes it
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// A port nobody listens on just now (for a test's own server).
    public static func freePort() -> UInt16 {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard probe >= 0 else { return 0 }
        defer { close(probe) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length) == 0 && getsockname(probe, $0, &length) == 0 }
        }
        return ok ? UInt16(bigEndian: address.sin_port) : 0
    }

    public func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    public func put(_ path: String, _ body: Data) { lock.withLock { files[path] = body } }
    public func remove(_ path: String) { lock.withLock { files[path] = nil } }
    /// POSTs to `path` are answered 200 (unless a fault says otherwise) and their bodies kept.
    public func receive(_ path: String) { lock.withLock { _ = sinks.insert(path) } }
    /// The bodies of the POSTs to `path` that were answered 2xx, in order.
    public func received(_ path: String) -> [Request] { lock.withLock { log.filter { $0.path == path && $0.method == "POST" && $0.accepted } } }
    /// The next requests for `path` get these faults, one each, in order.
    public func inject(_ path: String, _ list: [Fault]) { lock.withLock { faults[path, default: []] += list } }
    public var requests: [Request] { lock.withLock { log } }
    public func requests(_ path: String) -> [Request] { requests.filter { $0.path == path } }

    public static func etag(_ body: Data) -> String { "\"\(body.count)-\(body.reduce(UInt32(0)) { $0 &* 31 &+ UInt32($1) })\"" }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.range(of: Data("\r\n\r\n".utf8)) == nil {
            let n = recv(client, &buffer, buffer.count, 0)
            guard n > 0 else { return }
            received.append(contentsOf: buffer[0..<n])
        }
        let lines = String(decoding: received, as: UTF8.self).components(separatedBy: "\r\n")
        let words = lines[0].split(separator: " ")
        guard words.count >= 2 else { return }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let path = String(words[1])
        var request = Request(path: path, range: headers["range"], ifRange: headers["if-range"], method: String(words[0]), headers: headers)
        let (body, fault, sink): (Data?, Fault?, Bool) = lock.withLock {
            let fault = faults[path]?.isEmpty == false ? faults[path]!.removeFirst() : nil
            return (files[path], fault, sinks.contains(path))
        }
        if let length = headers["content-length"].flatMap(Int.init), length > 0 {
            let headEnd = received.range(of: Data("\r\n\r\n".utf8))!.upperBound
            var content = received.subdata(in: headEnd..<received.count)
            let want = { if case .dropMidBody? = fault { return length / 2 } else { return length } }()
            while content.count < want {
                let n = recv(client, &buffer, min(buffer.count, want - content.count), 0)
                guard n > 0 else { break }
                content.append(contentsOf: buffer[0..<n])
            }
            request.body = content
        }
        let answered = sink && request.method == "POST" && fault == nil
        lock.withLock {
            request.accepted = answered
            log.append(request)
        }
        switch fault {
        case .stall(let seconds)?:
            usleep(UInt32(seconds * 1e6))
            return
        case .dropMidBody?:
            return
        default:
            break
        }
        if sink, request.method == "POST" {
            if case .status(let code, let retryAfter) = fault {
                return respond(client, "\(code) Injected", retryAfter.map { ["Retry-After": $0] } ?? [:], Data("injected \(code)\n".utf8))
            }
            return respond(client, "200 OK", [:], Data())
        }
        guard let body else { return respond(client, "404 Not Found", [:], Data("not found\n".utf8)) }
        if case .status(let code, let retryAfter) = fault {
            return respond(client, "\(code) Injected", retryAfter.map { ["Retry-After": $0] } ?? [:], Data("injected \(code)\n".utf8))
        }
        let etag = Self.etag(body)
        var start = 0
        if let range = request.range, range.hasPrefix("bytes="), range.hasSuffix("-"), let from = Int(range.dropFirst(6).dropLast()),
           request.ifRange == nil || request.ifRange == etag, fault.map({ if case .ignoreRange = $0 { return false }; return true }) ?? true {
            guard from < body.count else { return respond(client, "416 Range Not Satisfiable", ["Content-Range": "bytes */\(body.count)"], Data()) }
            start = from
        }
        var payload = body.subdata(in: start..<body.count)
        let status = start > 0 ? "206 Partial Content" : "200 OK"
        var extra: [String: String] = ["ETag": etag]
        if start > 0 { extra["Content-Range"] = "bytes \(start)-\(body.count - 1)/\(body.count)" }
        switch fault {
        case .wrongBytes?:
            payload[payload.startIndex] ^= 0xff
        case .oversize(let more)?:
            payload.append(Data(repeating: 0x42, count: more))
        case .dropAfter(let bytes)?:
            sendHead(client, status, extra, contentLength: payload.count)
            sendAll(client, payload.prefix(bytes))
            return
        case .drip(let rate)?:
            sendHead(client, status, extra, contentLength: payload.count)
            for byte in payload {
                guard sendAll(client, Data([byte])) else { return }
                usleep(UInt32(1_000_000 / max(1, rate)))
            }
            return
        default:
            break
        }
        respond(client, status, extra, payload)
    }

    private func respond(_ client: Int32, _ status: String, _ headers: [String: String], _ body: Data) {
        sendHead(client, status, headers, contentLength: body.count)
        sendAll(client, body)
    }

    private func sendHead(_ client: Int32, _ status: String, _ headers: [String: String], contentLength: Int) {
        var head = "HTTP/1.1 \(status)\r\nContent-Length: \(contentLength)\r\nConnection: close\r\n"
        for (key, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(key): \(value)\r\n" }
        sendAll(client, Data((head + "\r\n").utf8))
    }

    @discardableResult
    private func sendAll(_ client: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }
}
