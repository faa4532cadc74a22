/// The benchmark protocol's knobs. Defaults as trtexec: 200 ms warm-up by time, then at least
/// 10 iterations and at least 3 s.
public struct BenchSettings: Sendable, Equatable {
    public var warmupSeconds = 0.2
    public var minIterations = 10
    public var minSeconds = 3.0
    /// Idle power is measured for this long just before the timed phase.
    public var idleSeconds = 1.0
    /// Run until latency and temperature are steady (or `sustainedLimitSeconds`), and report
    /// the burst (first `minSeconds`) and the steady phase (last `steadyWindowSeconds`) apart.
    public var sustained = false
    public var sustainedLimitSeconds = 600.0
    public var steadyWindowSeconds = 30.0

    public init() {}

    public func validated() throws(BenchError) -> BenchSettings {
        func bad(_ what: String) -> BenchError { BenchError(.settings, what) }
        guard warmupSeconds.isFinite, warmupSeconds >= 0 else { throw bad("warm-up \(warmupSeconds) s: must be ≥ 0") }
        guard minIterations >= 1 else { throw bad("minimum iterations \(minIterations): must be ≥ 1") }
        guard minSeconds.isFinite, minSeconds > 0, minSeconds <= 86_400 else { throw bad("duration \(minSeconds) s: must be in (0, 86400]") }
        guard idleSeconds.isFinite, idleSeconds >= 0 else { throw bad("idle measurement \(idleSeconds) s: must be ≥ 0") }
        if sustained {
            guard steadyWindowSeconds >= 2, sustainedLimitSeconds >= minSeconds + steadyWindowSeconds else {
                throw bad("sustained: the limit (\(sustainedLimitSeconds) s) must cover the burst (\(minSeconds) s) and a steady window of ≥ 2 s (\(steadyWindowSeconds) s)")
            }
        }
        return self
    }
}
