import CCurl
import Foundation

/// One HTTP POST through libcurl: no redirects (a report is not sent on to another host), TLS
/// verified, bounded in time. It never retries: `Delivery` decides what its answer means.
public enum Poster {
    public struct Answer: Sendable {
        public var status: Int
        public var retryAfter: String?
        /// The start of the response body (a receiver's reason for a refusal).
        public var body: String
        /// libcurl's error, when the exchange did not complete.
        public var transportError: String?
    }

    private static let initialised: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()

    final class Reply {
        var body: [UInt8] = []
        var retryAfter: String?
    }

    public static func post(_ endpoint: Endpoint, headers: [String], body: [UInt8], userAgent: String) throws(FleetError) -> Answer {
        var lines = headers
        if let auth = try endpoint.authorization() { lines.append(auth) }
        guard initialised, let handle = curl_easy_init() else { throw FleetError(.transport, "\(endpoint.name): libcurl could not be initialised") }
        defer { curl_easy_cleanup(handle) }
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines + ["Expect:"] { list = curl_slist_append(list, line) }
        defer { curl_slist_free_all(list) }
        let reply = Reply()
        let context = Unmanaged.passUnretained(reply).toOpaque()
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code = body.withUnsafeBytes { bytes in
            errorBuffer.withUnsafeMutableBufferPointer { buffer -> CURLcode in
                _ = ccurl_setopt_string(handle, CURLOPT_URL, endpoint.url)
                _ = ccurl_restrict_protocols(handle)
                _ = ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
                _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
                _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
                if let ca = endpoint.caFile { _ = ccurl_setopt_string(handle, CURLOPT_CAINFO, ca) }
                _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, min(10, endpoint.timeoutSeconds))
                _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT, endpoint.timeoutSeconds)
                _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
                _ = ccurl_setopt_string(handle, CURLOPT_USERAGENT, userAgent)
                _ = ccurl_setopt_long(handle, CURLOPT_POST, 1)
                _ = ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
                _ = ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
                _ = ccurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, list)
                _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
                _ = ccurl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                    let reply = Unmanaged<Reply>.fromOpaque(context!).takeUnretainedValue()
                    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
                    if line.lowercased().hasPrefix("retry-after:") {
                        reply.retryAfter = String(line.dropFirst("retry-after:".count)).trimmingCharacters(in: .whitespacesAndNewlines)
                    }
                    return size * count
                }
                _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
                _ = ccurl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                    let reply = Unmanaged<Reply>.fromOpaque(context!).takeUnretainedValue()
                    let room = max(0, 1024 - reply.body.count)
                    if room > 0, let data { reply.body += UnsafeRawBufferPointer(start: data, count: min(room, size * count)) }
                    return size * count
                }
                _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
                return curl_easy_perform(handle)
            }
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        let text = String(decoding: reply.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard code == CURLE_OK else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return Answer(status: status, retryAfter: reply.retryAfter, body: text,
                          transportError: detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)
        }
        return Answer(status: status, retryAfter: reply.retryAfter, body: text, transportError: nil)
    }
}
