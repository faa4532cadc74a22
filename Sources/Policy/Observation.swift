/// What the policy knows of now, all of it observed in the past (it never reads a clock or a
/// file: the caller passes the time and the measurements).
public struct Observation: Sendable, Equatable, Codable {
    /// Seconds on a monotonic clock of the caller's.
    public var time: Double
    /// Requests per second over the last interval (nil: nothing observed yet, taken as 0).
    public var rateHz: Double?
    /// Observed latency of the active candidate ÷ its measured latency (throttling, another
    /// power mode); nil: not observed. Applied to every candidate's latency.
    public var slowdown: Double?
    /// Hottest thermal zone, and the lowest passive trip point, °C.
    public var temperatureC: Double?
    public var passiveTripC: Double?

    public init(time: Double, rateHz: Double? = nil, slowdown: Double? = nil, temperatureC: Double? = nil, passiveTripC: Double? = nil) {
        self.time = time
        self.rateHz = rateHz
        self.slowdown = slowdown
        self.temperatureC = temperatureC
        self.passiveTripC = passiveTripC
    }
}
