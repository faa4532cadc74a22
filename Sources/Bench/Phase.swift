import Energy

/// One timed phase (burst or steady): latencies, throughput and energy per inference.
public struct Phase: Sendable, Codable, Equatable {
    public var latency: LatencyStats
    public var iterations: Int
    public var seconds: Double
    public var throughputPerSec: Double
    public var energy: EnergyWindow
    public var watts: Double
    /// Board energy over the phase divided by inferences (idle power included).
    public var joulesPerInference: Double
    /// Minus the idle power measured just before: what the inferences themselves cost.
    public var dynamicJoulesPerInference: Double

    init(latency: LatencyStats, iterations: Int, seconds: Double, energy: EnergyWindow, idleWatts: Double) {
        self.latency = latency
        self.iterations = iterations
        self.seconds = seconds
        throughputPerSec = seconds > 0 ? Double(iterations) / seconds : 0
        self.energy = energy
        watts = energy.meanWatts
        joulesPerInference = energy.joules / Double(max(1, iterations))
        dynamicJoulesPerInference = (energy.joules - idleWatts * energy.seconds) / Double(max(1, iterations))
    }
}

/// What one benchmark of one variant measured.
public struct BenchMeasurement: Sendable, Codable, Equatable {
    public var warmupIterations: Int
    /// Power with no inference running, measured just before the timed phase.
    public var idle: EnergyWindow
    public var burst: Phase
    /// Only with `sustained`: the last steady window, and whether steadiness was reached
    /// before the time limit (false: the phase is the last window before the limit).
    public var steady: Phase?
    public var steadyReached: Bool?
    public var temperatureStartC: Double?
    public var temperatureEndC: Double?
}
