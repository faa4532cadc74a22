import CCurl
import Foundation

/// Talks to `edgepilotd` over its Unix socket (HTTP/1.1, libcurl's CURLOPT_UNIX_SOCKET_PATH):
/// the control API of docs/api.md. A daemon that is not running is said so, with the socket.
/// One client keeps one connection open across calls (libcurl reuses it); use one per thread.
final class DaemonClient {
    struct Response {
        var status: Int
        var body: Data
        var headers: [String: String]

        /// The API's `{"error": {"message": …}}`, or the body as text.
        var errorMessage: String {
            struct Failure: Decodable { struct Detail: Decodable { var message: String }; var error: Detail }
            return (try? JSONDecoder().decode(Failure.self, from: body))?.error.message ?? String(decoding: body.prefix(500), as: UTF8.self)
        }
    }

    static var defaultSocket: String {
        ProcessInfo.processInfo.environment["EDGEPILOT_SOCKET"].flatMap { $0.isEmpty ? nil : $0 } ?? "/run/edgepilot/edgepilot.sock"
    }

    let socket: String
    private var handle: UnsafeMutableRawPointer?

    init(socket: String) { self.socket = socket }

    deinit { if let handle { curl_easy_cleanup(handle) } }

    /// The response; a status ≥ 400 is an error carrying the API's message.
    func call(_ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json",
              accept: String = "application/json") throws -> Response {
        let response = try send(method, path, body: body, contentType: contentType, accept: accept)
        guard response.status < 400 else { throw CLIError("edgepilotd: \(response.status): \(response.errorMessage)") }
        return response
    }

    private func send(_ method: String, _ path: String, body: Data?, contentType: String, accept: String) throws -> Response {
        if handle == nil {
            handle = curl_easy_init()
            // Threads share the process (--concurrency): libcurl must not touch signal handlers on
            // every call (six syscalls a request); a daemon that went away is an error, not SIGPIPE.
            signal(SIGPIPE, SIG_IGN)
            if let handle { _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1) }
        }
        guard let handle else { throw CLIError("libcurl could not start") }
        let sink = Sink()
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }
        var headers: UnsafeMutablePointer<curl_slist>?
        headers = curl_slist_append(headers, "Content-Type: \(contentType)")
        headers = curl_slist_append(headers, "Accept: \(accept)")
        headers = curl_slist_append(headers, "Expect:")
        defer { curl_slist_free_all(headers) }
        _ = ccurl_setopt_string(handle, CURLOPT_UNIX_SOCKET_PATH, socket)
        _ = ccurl_setopt_string(handle, CURLOPT_URL, "http://edgepilotd" + path)
        _ = ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
        _ = ccurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, headers)
        _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT, 120)
        _ = ccurl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, Sink.body)
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context.toOpaque())
        _ = ccurl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, Sink.header)
        _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context.toOpaque())
        let code: CURLcode = (body ?? Data()).withUnsafeBytes { bytes in
            if body != nil {
                _ = ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
                _ = ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(code))
            guard FileManager.default.fileExists(atPath: socket) else {
                throw CLIError("edgepilotd is not running: no socket at \(socket) (start it with `systemctl start edgepilotd`, or give --socket)")
            }
            if code == CURLE_COULDNT_CONNECT {
                throw CLIError("cannot connect to edgepilotd at \(socket): \(reason) (is it running? may you use its socket — root or the edgepilot group?)")
            }
            throw CLIError("edgepilotd at \(socket): \(reason)")
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return Response(status: status, body: sink.data, headers: sink.headers)
    }

    /// Collects the body and the headers (names lowercased).
    final class Sink {
        var data = Data()
        var headers: [String: String] = [:]

        static let body: ccurl_write_callback = { pointer, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            if let pointer { sink.data.append(UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: size * count) }
            return size * count
        }

        static let header: ccurl_write_callback = { pointer, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            if let pointer {
                let line = String(decoding: UnsafeRawBufferPointer(start: pointer, count: size * count), as: UTF8.self)
                if let colon = line.firstIndex(of: ":") {
                    sink.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            return size * count
        }
    }
}
