import Synchronization

/// Watts as a function of monotonic time, for the simulated rail.
public struct PowerTrace: Sendable {
    public let watts: @Sendable (UInt64) -> Double

    public init(_ watts: @escaping @Sendable (UInt64) -> Double) { self.watts = watts }

    public static func constant(_ w: Double) -> PowerTrace { PowerTrace { _ in w } }

    /// `low` then `high`, each for half of `period` seconds, from `origin`.
    public static func square(low: Double, high: Double, period: Double, origin: UInt64) -> PowerTrace {
        PowerTrace { t in
            let phase = (Double(t &- origin) / 1e9).truncatingRemainder(dividingBy: period)
            return phase < period / 2 ? low : high
        }
    }

    /// From `from` to `to` watts over `seconds`, then held.
    public static func ramp(from: Double, to: Double, seconds: Double, origin: UInt64) -> PowerTrace {
        PowerTrace { t in from + (to - from) * min(1, Double(t &- origin) / 1e9 / seconds) }
    }

    /// `idle` watts, or `active` while the flag is set (`--simulate-power IDLE:ACTIVE`).
    public static func activity(idle: Double, active: Double, flag: ActivityFlag) -> PowerTrace {
        PowerTrace { _ in flag.isActive ? active : idle }
    }

    /// The integral over [from, to] in J, by the midpoint rule on 1 µs steps (exact for the
    /// piecewise-constant and linear traces above, to well under 0.01%).
    public func joules(from: UInt64, to: UInt64) -> Double {
        let step: UInt64 = 1000
        var total = 0.0, t = from
        while t < to {
            let width = min(step, to - t)
            total += watts(t + width / 2) * Double(width) / 1e9
            t += width
        }
        return total
    }
}

/// Set while an inference runs; read by the simulated rail's trace.
public final class ActivityFlag: Sendable {
    private let active = Atomic<Bool>(false)
    public init() {}
    public var isActive: Bool { active.load(ordering: .relaxed) }
    public func set(_ value: Bool) { active.store(value, ordering: .relaxed) }
}
