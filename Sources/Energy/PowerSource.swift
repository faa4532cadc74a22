/// What a source gives on one read: instantaneous power, or a cumulative energy counter.
public enum Reading: Sendable, Equatable {
    case milliwatts(Double)
    /// Counter value in µJ and where it wraps to 0 (`max_energy_range_uj`).
    case microjoules(Double, wrap: Double)
}

/// Where an energy figure comes from — the `energySource` key of `bench --json`.
public enum SourceKind: String, Sendable, Codable {
    case rail, rapl, powerSupply = "power_supply", estimated, simulated
}

/// One readable power rail or energy counter of the board.
public protocol PowerSource: Sendable {
    /// `VDD_IN (ina3221-hwmon, /sys/…/hwmon1 channel 1)`.
    var description: String { get }
    var kind: SourceKind { get }
    /// The sensor's own update interval, in ms: sampling faster only repeats values.
    var updateIntervalMs: Int? { get }
    /// Half the smallest power step the sensor can show, in mW (for counters: 0).
    var resolutionMilliwatts: Double { get }
    func read() throws(EnergyError) -> Reading
}
