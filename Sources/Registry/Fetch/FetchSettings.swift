import Basics
import Foundation

/// How transfers behave on a flaky, metered link. Defaults suit a device; tests shorten them.
public struct FetchSettings: Sendable {
    /// Attempts per URL (the first one included).
    public var attempts = 6
    /// Backoff before attempt n+1: min(maxDelay, baseDelay × 2ⁿ) × a random factor in [0.5, 1].
    public var baseDelaySeconds = 1.0
    public var maxDelaySeconds = 60.0
    /// The longest `Retry-After` (429/503) honoured; a longer one is waited this long.
    public var maxRetryAfterSeconds = 300.0
    public var connectTimeoutSeconds = 15
    /// Abort an attempt that moves fewer than this many bytes per second for `lowSpeedSeconds`.
    public var lowSpeedBytesPerSecond = 1024
    public var lowSpeedSeconds = 30
    /// Bandwidth cap in bytes per second (0: none).
    public var maxBytesPerSecond: Int64 = 0
    /// A CA bundle to verify servers with instead of the system's (TLS verification is always on).
    public var caBundle: String?
    public var userAgent = "edgepilot"
    /// Tests only: file writes fail with ENOSPC once a file would pass this many bytes.
    var injectWriteFailureAfterBytes: Int64?

    public init() {}

    var timing: Backoff { Backoff(baseSeconds: baseDelaySeconds, maxSeconds: maxDelaySeconds, maxRetryAfterSeconds: maxRetryAfterSeconds) }

    func backoff(after attempt: Int) -> Double { timing.delay(after: attempt) }

    /// `Retry-After` as seconds or an HTTP date, capped.
    func retryAfter(_ header: String?, now: Date = Date()) -> Double? { timing.retryAfter(header, now: now) }
}

/// Bytes moved so far in a transfer; `total` is nil when unknown.
public struct FetchProgress: Sendable {
    public var url: String
    public var bytes: Int64
    public var total: Int64?
    public var bytesPerSecond: Double
    /// A retry is coming: why, and after how many seconds.
    public var retry: (reason: String, delaySeconds: Double)?
}
