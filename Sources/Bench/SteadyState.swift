/// The slope test for `--sustained`: over the last window of one-second buckets, the
/// least-squares slope of median latency changes it by ≤ 2% of its mean across the window,
/// and the temperature by ≤ 1 °C.
struct SteadyState {
    static let latencyTolerance = 0.02
    static let temperatureTolerance = 1.0

    static func slope(_ values: [Double]) -> Double {
        let n = Double(values.count)
        guard values.count >= 2 else { return 0 }
        let meanX = (n - 1) / 2, meanY = values.reduce(0, +) / n
        var num = 0.0, den = 0.0
        for (i, y) in values.enumerated() {
            num += (Double(i) - meanX) * (y - meanY)
            den += (Double(i) - meanX) * (Double(i) - meanX)
        }
        return num / den
    }

    /// Whether the buckets (one per second) are steady.
    static func isSteady(latencies: [Double], temperatures: [Double]) -> Bool {
        guard latencies.count >= 2 else { return false }
        let mean = latencies.reduce(0, +) / Double(latencies.count)
        let span = Double(latencies.count - 1)
        guard abs(slope(latencies)) * span <= latencyTolerance * mean else { return false }
        if temperatures.count == latencies.count, abs(slope(temperatures)) * span > temperatureTolerance { return false }
        return true
    }
}
