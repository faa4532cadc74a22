import CCurl
import CFileSync
import Foundation

/// One libcurl attempt at one URL into a sink (memory, or a file resumed from its current
/// length). It never retries; `Fetcher` decides what its outcome means.
final class Transfer {
    enum Sink {
        /// At most `limit` bytes into memory.
        case memory(limit: Int)
        /// Into the file at `path`, continuing from its length with a Range request; the body may
        /// not take the file past `limit` bytes.
        case file(path: String, limit: Int64, ifRange: String?)
    }

    struct Outcome {
        var curlCode: CURLcode
        var curlMessage: String
        var status: Int
        var retryAfter: String?
        /// The body stopped because it would pass the sink's limit.
        var oversize = false
        /// A local write failed (errno text).
        var writeError: String?
        var memory = Data()
        /// Length of the file after the attempt.
        var fileLength: Int64 = 0
    }

    private let url: URL
    private let sink: Sink
    private let settings: FetchSettings
    private let progress: (Int64, Int64?) -> Void
    /// Told every byte written to the file, in order, and when the file is emptied to start again.
    var onWrite: (UnsafeRawBufferPointer) -> Void = { _ in }
    var onTruncate: () -> Void = {}
    /// Told the response's validator (ETag, else Last-Modified) when a 2xx body starts.
    var onValidator: (String) -> Void = { _ in }
    private var unsyncedFrom: Int64 = 0
    private var outcome = Outcome(curlCode: CURLE_OK, curlMessage: "", status: 0)
    private var fd: Int32 = -1
    private var startLength: Int64 = 0
    /// Where the next body byte goes in the file.
    private var position: Int64 = 0
    private var bodyStarted = false
    private var headers: [String: String] = [:]

    init(url: URL, sink: Sink, settings: FetchSettings, progress: @escaping (Int64, Int64?) -> Void) {
        self.url = url
        self.sink = sink
        self.settings = settings
        self.progress = progress
    }

    private static let initialised: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()

    func run() -> Outcome {
        guard Self.initialised, let handle = curl_easy_init() else {
            outcome.curlCode = CURLE_FAILED_INIT
            outcome.curlMessage = "libcurl could not be initialised"
            return outcome
        }
        defer { curl_easy_cleanup(handle) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        if case .file(let path, _, let ifRange) = sink {
            fd = open(path, O_WRONLY | O_CREAT, 0o644)
            guard fd >= 0 else {
                outcome.writeError = "cannot open \(path): \(String(cString: strerror(errno)))"
                return outcome
            }
            startLength = Int64(lseek(fd, 0, SEEK_END))
            if startLength > 0 {
                _ = ccurl_setopt_string(handle, CURLOPT_RANGE, "\(startLength)-")
                if let ifRange { headerList = curl_slist_append(headerList, "If-Range: \(ifRange)") }
            }
        }
        defer { if fd >= 0 { close(fd) } }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let context = Unmanaged.passUnretained(self).toOpaque()
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            _ = ccurl_setopt_string(handle, CURLOPT_URL, url.absoluteString)
            _ = ccurl_restrict_protocols(handle)
            _ = ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
            _ = ccurl_setopt_long(handle, CURLOPT_MAXREDIRS, 5)
            _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
            _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
            if let ca = settings.caBundle { _ = ccurl_setopt_string(handle, CURLOPT_CAINFO, ca) }
            _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, settings.connectTimeoutSeconds)
            _ = ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, settings.lowSpeedBytesPerSecond)
            _ = ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, settings.lowSpeedSeconds)
            if settings.maxBytesPerSecond > 0 { _ = ccurl_setopt_off_t(handle, CURLOPT_MAX_RECV_SPEED_LARGE, curl_off_t(settings.maxBytesPerSecond)) }
            _ = ccurl_setopt_string(handle, CURLOPT_USERAGENT, settings.userAgent)
            _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
            // Large reads for speed on fast links; curl's default 16 KiB under a cap, which it keeps better.
            _ = ccurl_setopt_long(handle, CURLOPT_BUFFERSIZE, settings.maxBytesPerSecond > 0 ? 16 << 10 : 256 << 10)
            _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            if let headerList { _ = ccurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, headerList) }
            _ = ccurl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue().header(data!, size * count)
            }
            _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
            _ = ccurl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue().body(data!, size * count)
            }
            _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
            _ = ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
            _ = ccurl_setopt_progress_function(handle) { context, total, now, _, _ in
                let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
                transfer.progress(transfer.startLength + Int64(now), total > 0 ? transfer.startLength + Int64(total) : nil)
                return 0
            }
            _ = ccurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context)
            return curl_easy_perform(handle)
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        outcome.status = status
        outcome.curlCode = code
        let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        outcome.curlMessage = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        outcome.retryAfter = headers["retry-after"]
        if fd >= 0 { outcome.fileLength = Int64(lseek(fd, 0, SEEK_END)) }
        return outcome
    }

    /// One header line; a status line starts a new response (redirects, 100 Continue).
    private func header(_ data: UnsafeMutablePointer<CChar>, _ length: Int) -> Int {
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            headers = [:]
            currentStatus = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        } else if let colon = line.firstIndex(of: ":") {
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return length
    }

    private func body(_ data: UnsafeMutablePointer<CChar>, _ length: Int) -> Int {
        // An error page (503, 404, …) is not the blob: read it, keep none of it.
        if currentStatus >= 300 { return length }
        switch sink {
        case .memory(let limit):
            guard outcome.memory.count + length <= limit else { outcome.oversize = true; return 0 }
            outcome.memory.append(UnsafeBufferPointer(start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length))
            return length
        case .file(_, let limit, _):
            if !bodyStarted {
                bodyStarted = true
                // 206 from where the file ends continues it; anything else is the whole body again.
                let resumed = startLength > 0 && currentStatus == 206 && contentRangeStart == startLength
                if !resumed, startLength > 0 {
                    guard ftruncate(fd, 0) == 0 else { return writeFailed() }
                    lseek(fd, 0, SEEK_SET)
                    startLength = 0
                    onTruncate()
                }
                position = startLength
                unsyncedFrom = startLength
                if let validator = headers["etag"] ?? headers["last-modified"] { onValidator(validator) }
            }
            guard position + Int64(length) <= limit else { outcome.oversize = true; return 0 }
            if let failAt = settings.injectWriteFailureAfterBytes, position + Int64(length) > failAt {
                errno = ENOSPC
                return writeFailed()
            }
            var written = 0
            while written < length {
                let n = Foundation.write(fd, data + written, length - written)
                if n < 0 { if errno == EINTR { continue }; return writeFailed() }
                written += n
            }
            position += Int64(length)
            onWrite(UnsafeRawBufferPointer(start: data, count: length))
            startWriteback(upTo: position)
            return length
        }
    }

    /// Starts writing each 8 MiB to disk while the rest arrives, so the fsync before the blob is
    /// renamed into place waits for the tail only.
    private func startWriteback(upTo end: Int64) {
        guard end - unsyncedFrom >= 8 << 20 else { return }
        _ = ep_start_writeback(fd, unsyncedFrom, end - unsyncedFrom)
        unsyncedFrom = end
    }

    private var currentStatus = 0
    private var contentRangeStart: Int64? {
        guard let value = headers["content-range"], value.hasPrefix("bytes ") else { return nil }
        return Int64(value.dropFirst(6).prefix { $0.isNumber })
    }

    private func writeFailed() -> Int {
        outcome.writeError = String(cString: strerror(errno))
        return 0
    }
}
