/// One read of a source: monotonic time in ns, and the value (mW, or a counter in µJ with
/// its wrap), or the reason the read failed.
public struct Sample: Sendable, Equatable {
    public var time: UInt64
    public var reading: Reading?
    public var failure: String?

    public init(time: UInt64, reading: Reading) {
        self.time = time
        self.reading = reading
    }

    public init(time: UInt64, failure: String) {
        self.time = time
        self.failure = failure
    }
}

/// Energy over one window, with where it came from and how sure it is.
public struct EnergyWindow: Sendable, Codable, Equatable {
    public var joules: Double
    public var meanWatts: Double
    public var seconds: Double
    /// Good samples used (inside the window, plus one on each side for the edges).
    public var samples: Int
    /// Mean spacing of the samples, ms.
    public var intervalMs: Double
    public var source: SourceKind
    public var sourceDescription: String
    /// Resolution bound plus the trapezoid error estimate, in J and as % of `joules`.
    public var uncertaintyJoules: Double
    public var uncertaintyPercent: Double
    /// Why this window's number should not be trusted as is (failed reads, too few samples,
    /// edges outside the sampled time). Empty when clean.
    public var flags: [String]

    public init(joules: Double, meanWatts: Double, seconds: Double, samples: Int, intervalMs: Double, source: SourceKind,
                sourceDescription: String, uncertaintyJoules: Double, uncertaintyPercent: Double, flags: [String]) {
        self.joules = joules
        self.meanWatts = meanWatts
        self.seconds = seconds
        self.samples = samples
        self.intervalMs = intervalMs
        self.source = source
        self.sourceDescription = sourceDescription
        self.uncertaintyJoules = uncertaintyJoules
        self.uncertaintyPercent = uncertaintyPercent
        self.flags = flags
    }
}
