import CCurl
import Foundation

/// Downloads that expect the network to fail: retries with exponential backoff and jitter,
/// `Retry-After` on 429/503, resume with Range (If-Range on the ETag, kept beside the partial
/// file), a body cut off past its declared size, low-speed abort, a bandwidth cap, proxies from
/// the environment (libcurl's `http_proxy`, `https_proxy`, `no_proxy`), TLS always verified.
public struct Fetcher: Sendable {
    public var settings: FetchSettings
    public var progress: (@Sendable (FetchProgress) -> Void)?

    public init(settings: FetchSettings = FetchSettings(), progress: (@Sendable (FetchProgress) -> Void)? = nil) {
        self.settings = settings
        self.progress = progress
    }

    /// A small document (a manifest, a signature) of at most `limit` bytes; nil when the server
    /// says 404/410 and `missingIsNil`.
    public func data(_ url: URL, limit: Int, missingIsNil: Bool = false) throws -> Data? {
        var result: Data?
        try attempts(url) {
            let outcome = Transfer(url: url, sink: .memory(limit: limit), settings: settings) { _, _ in }.run()
            if outcome.oversize { throw RegistryError(.fetch, "\(url.absoluteString): larger than \(limit) bytes; refused") }
            let missing = (outcome.curlCode == CURLE_OK && [404, 410].contains(outcome.status)) || outcome.curlCode == CURLE_FILE_COULDNT_READ_FILE
            if missingIsNil, missing { return .done }
            let verdict = try judge(outcome, url: url)
            if case .done = verdict { result = outcome.memory }
            return verdict
        }
        return result
    }

    /// Downloads `url` into `path` until it holds exactly `size` bytes, continuing whatever a
    /// previous attempt or process left there; returns the file's SHA-256 (hex), computed as the
    /// bytes arrive. The caller compares it with the manifest's.
    @discardableResult
    public func file(_ url: URL, to path: String, size: Int64) throws -> String {
        let validatorPath = path + ".validator", source = url.absoluteString
        let started = Date()
        var digest = RunningDigest()
        try attempts(url) {
            var current = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
            if current > size {  // longer than declared: start again
                try? FileManager.default.removeItem(atPath: path)
                current = 0
            }
            try digest.catchUp(path: path, length: current)
            if current == size { return .done }
            let validator = (try? String(contentsOfFile: validatorPath, encoding: .utf8)).flatMap { $0.isEmpty ? nil : $0 }
            let transfer = Transfer(url: url, sink: .file(path: path, limit: size, ifRange: validator), settings: settings) { bytes, total in
                let seconds = max(1e-3, Date().timeIntervalSince(started))
                progress?(FetchProgress(url: source, bytes: bytes, total: total ?? size, bytesPerSecond: Double(bytes - current) / seconds))
            }
            transfer.onWrite = { digest.update($0) }
            transfer.onTruncate = { digest = RunningDigest() }
            // Kept as soon as the body starts, so a resume after `kill -9` sends If-Range. Advisory,
            // hence not fsync'd: without it a resumed file that mixes two versions fails its sha256.
            transfer.onValidator = { Self.writeAdvisory($0, to: validatorPath) }
            let outcome = transfer.run()
            if let error = outcome.writeError { throw RegistryError(.store, "writing \(path): \(error)") }
            if outcome.oversize {
                try? FileManager.default.removeItem(atPath: path)
                throw RegistryError(.integrity, "\(url.absoluteString): the body is larger than the declared \(size) bytes; cut off and refused")
            }
            if outcome.status == 416 {
                try? FileManager.default.removeItem(atPath: path)
                return .retry("HTTP 416 for the remaining range; starting again from byte 0", nil)
            }
            let verdict = try judge(outcome, url: url)
            guard case .done = verdict else { return verdict }
            guard outcome.fileLength == size else {
                return .retry("the body ended after \(outcome.fileLength) of \(size) bytes", nil)
            }
            return .done
        }
        try? FileManager.default.removeItem(atPath: validatorPath)
        return digest.hex
    }

    private static func writeAdvisory(_ text: String, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        _ = text.utf8CString.withUnsafeBufferPointer { Foundation.write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    enum Verdict {
        case done
        case retry(String, Double?)
    }

    private func attempts(_ url: URL, _ body: () throws -> Verdict) throws {
        var last = ""
        for attempt in 0..<max(1, settings.attempts) {
            switch try body() {
            case .done: return
            case .retry(let reason, let retryAfter):
                last = reason
                guard attempt + 1 < settings.attempts else { break }
                let delay = retryAfter ?? settings.backoff(after: attempt)
                progress?(FetchProgress(url: url.absoluteString, bytes: 0, total: nil, bytesPerSecond: 0, retry: (reason, delay)))
                Thread.sleep(forTimeInterval: delay)
            }
        }
        throw RegistryError(.fetch, "\(url.absoluteString): gave up after \(settings.attempts) attempt(s); last: \(last)")
    }

    /// Retryable: timeouts, dropped connections, 408/425/429/5xx. Final: other HTTP errors,
    /// TLS verification failures, refused protocols, unreadable files.
    static let retryableStatus: Set<Int> = [408, 425, 429, 500, 502, 503, 504]
    static let retryableCurl: Set<UInt32> = [
        CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_PARTIAL_FILE,
        CURLE_OPERATION_TIMEDOUT, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_SSL_CONNECT_ERROR, CURLE_HTTP2,
        CURLE_HTTP2_STREAM,
    ].map(\.rawValue).reduce(into: Set<UInt32>()) { $0.insert($1) }

    func judge(_ outcome: Transfer.Outcome, url: URL) throws -> Verdict {
        let where_ = url.absoluteString
        if outcome.curlCode != CURLE_OK {
            if outcome.curlCode == CURLE_OPERATION_TIMEDOUT {
                return .retry("too slow or stalled (low-speed abort): \(outcome.curlMessage)", nil)
            }
            guard Self.retryableCurl.contains(outcome.curlCode.rawValue) else {
                throw RegistryError(.fetch, "\(where_): \(outcome.curlMessage)")
            }
            return .retry(outcome.curlMessage, nil)
        }
        if outcome.status == 0 || (200..<300).contains(outcome.status) { return .done }
        if Self.retryableStatus.contains(outcome.status) {
            let honoured = [429, 503].contains(outcome.status) ? settings.retryAfter(outcome.retryAfter) : nil
            return .retry("HTTP \(outcome.status)" + (outcome.retryAfter.map { " (Retry-After: \($0))" } ?? ""), honoured)
        }
        throw RegistryError(.fetch, "\(where_): HTTP \(outcome.status)")
    }
}
