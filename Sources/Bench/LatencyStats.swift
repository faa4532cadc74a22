import Histogram

/// Latency distribution of one phase, from an HdrHistogram of nanoseconds (3 significant
/// digits): min, p50, p90, p99, max, mean, standard deviation — in ms.
public struct LatencyStats: Sendable, Codable, Equatable {
    public var count: Int
    public var minMs: Double, p50Ms: Double, p90Ms: Double, p99Ms: Double, maxMs: Double
    public var meanMs: Double, stddevMs: Double

    public init(_ histogram: Histogram<UInt64>) {
        func ms(_ ns: UInt64) -> Double { Double(ns) / 1e6 }
        count = Int(histogram.totalCount)
        minMs = ms(histogram.min)
        p50Ms = ms(histogram.valueAtPercentile(50))
        p90Ms = ms(histogram.valueAtPercentile(90))
        p99Ms = ms(histogram.valueAtPercentile(99))
        maxMs = ms(histogram.max)
        meanMs = histogram.mean / 1e6
        stddevMs = histogram.stdDeviation / 1e6
    }

    /// A histogram that records 1 ns … 1 h.
    static func histogram() -> Histogram<UInt64> {
        Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000_000, numberOfSignificantValueDigits: .three)
    }
}
