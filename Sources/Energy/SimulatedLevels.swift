import Synchronization

/// The simulated rail's idle and active watts, changeable while it runs (a simulated board
/// whose power mode changes draws differently in each).
public final class SimulatedLevels: Sendable {
    private let levels: Mutex<(idle: Double, active: Double)>

    public init(idle: Double, active: Double) { levels = Mutex((idle, active)) }

    public var current: (idle: Double, active: Double) { levels.withLock { $0 } }

    public func set(idle: Double, active: Double) { levels.withLock { $0 = (idle, active) } }
}

extension PowerTrace {
    /// The levels' idle watts, or their active watts while the flag is set.
    public static func activity(_ levels: SimulatedLevels, flag: ActivityFlag) -> PowerTrace {
        PowerTrace { _ in
            let now = levels.current
            return flag.isActive ? now.active : now.idle
        }
    }
}
