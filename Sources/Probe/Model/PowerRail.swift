/// One power rail or energy counter, in the units of ARCHITECTURE's conventions: milliwatts
/// for power, microjoules for counters, converted once where read.
public struct PowerRail: Codable, Equatable, Sendable, ExplicitNullEncodable {
    /// The rail's label (`VDD_IN`); made unique with `@device` when two chips share a label;
    /// `<chip>@<device>` for sensors without labels (INA2xx), unless the profile names them.
    public var name: String
    /// Its role per the profile: total, cpu, gpu, soc, io, dram, … joined by `+` for combined
    /// rails (`cpu+gpu+cv`), or "unknown".
    public var role: String
    /// Instantaneous power; null for energy counters and unreadable rails.
    public var milliwatts: Double?
    public var millivolts: Double?
    public var milliamps: Double?
    /// Cumulative energy counter (RAPL), and where it wraps to 0.
    public var energyMicrojoules: Int?
    public var maxEnergyRangeMicrojoules: Int?
    /// "ina3221-hwmon", "ina3221x-iio", "ina2xx-hwmon", "rapl", "power-supply", "vcgencmd-pmic".
    public var source: String
    /// The chip's driver name (`ina3221`, `ina226`), or the zone/supply name.
    public var chip: String?
    /// The i2c client (`1-0040`) or powercap zone (`intel-rapl:0`).
    public var device: String?
    public var channel: Int?
    /// Where it was read (root-relative directory, shown with a leading slash).
    public var path: String?
    /// The sensor's own update interval: polling faster returns repeated values.
    public var updateIntervalMs: Int?
}

/// How the board's power is obtained.
public struct BoardPower: Codable, Equatable, Sendable, ExplicitNullEncodable {
    /// "rail" (one total-input rail), "counter" (a total energy counter, e.g. RAPL psys),
    /// "sum" (the profile's named rails added, for boards without a total), or "estimated".
    public var method = "estimated"
    public var rails: [String] = []
    /// Current board power where it can be read now (not for counters).
    public var milliwatts: Double?
    public var note = ""
}

/// The current power mode and what the profile knows of it.
public struct PowerModeInfo: Codable, Equatable, Sendable, ExplicitNullEncodable {
    public var id: Int?
    public var name: String
    /// Nominal watts from the profile, else from the mode name (`15W`); null for MAXN-like modes
    /// the profile does not list.
    public var nominalWatts: Double?
    public var defaultId: Int?
    /// Where the mode came from: `nvpmodel -q` or `/var/lib/nvpmodel/status`.
    public var source: String
}
