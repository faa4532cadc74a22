/// `IDLE_W:ACTIVE_W`: the simulated rail reads IDLE watts, or ACTIVE while an inference runs.
public struct SimulatedPower: Sendable, Equatable {
    public var idleWatts: Double
    public var activeWatts: Double

    public init(idleWatts: Double, activeWatts: Double) {
        self.idleWatts = idleWatts
        self.activeWatts = activeWatts
    }

    public init(parsing text: String) throws(MeasureError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Double($0) }
        guard parts.count == 2, let idle = parts[0], let active = parts[1], idle >= 0, active >= idle, active.isFinite, active <= 10_000 else {
            throw MeasureError(.settings, "simulated power '\(text)': expected IDLE_W:ACTIVE_W with 0 ≤ IDLE ≤ ACTIVE ≤ 10000, e.g. 3.5:9.0")
        }
        self.init(idleWatts: idle, activeWatts: active)
    }
}
