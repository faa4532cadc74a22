import Foundation

/// When to try again: exponential backoff with jitter, and a server's `Retry-After` honoured up
/// to a cap. The registry's fetcher and the fleet senders share it.
public struct Backoff: Sendable, Equatable {
    public var baseSeconds: Double
    public var maxSeconds: Double
    /// The longest `Retry-After` honoured; a longer one is waited this long.
    public var maxRetryAfterSeconds: Double

    public init(baseSeconds: Double = 1, maxSeconds: Double = 60, maxRetryAfterSeconds: Double = 300) {
        self.baseSeconds = baseSeconds
        self.maxSeconds = maxSeconds
        self.maxRetryAfterSeconds = maxRetryAfterSeconds
    }

    /// Before try n+1 (n failed tries so far, from 0): min(max, base × 2ⁿ) × a random factor in [0.5, 1].
    public func delay(after attempt: Int) -> Double {
        min(maxSeconds, baseSeconds * pow(2, Double(min(attempt, 62)))) * Double.random(in: 0.5...1.0)
    }

    /// `Retry-After` as seconds or an HTTP date (RFC 9110 IMF-fixdate), capped; nil when absent or unreadable.
    public func retryAfter(_ header: String?, now: Date = Date()) -> Double? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Double(header), seconds >= 0, seconds.isFinite { return min(seconds, maxRetryAfterSeconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: header) else { return nil }
        return min(max(0, date.timeIntervalSince(now)), maxRetryAfterSeconds)
    }
}
