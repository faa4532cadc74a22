/// The sysfs rail families of BOARDS.md §1.2–1.6, each in its own units, converted to mW once.

/// INA3221 on hwmon (JetPack 5+): no power file — bus mV × mA. Bus LSB 8 mV; the current LSB is
/// 40 µV over the shunt (`shunt<N>_resistor`, µΩ; 4 mA with the default 10 mΩ).
public struct INA3221HwmonSource: PowerSource {
    public let name: String, directory: String, channel: Int
    public let updateIntervalMs: Int?
    let voltage: RailFile, current: RailFile
    let currentLSBmA: Double

    public init(name: String, directory: String, channel: Int, updateIntervalMs: Int?) {
        self.name = name
        self.directory = directory
        self.channel = channel
        self.updateIntervalMs = updateIntervalMs
        voltage = RailFile(root: directory, "in\(channel)_input")
        current = RailFile(root: directory, "curr\(channel)_input")
        let shunt = (try? RailFile(root: directory, "shunt\(channel)_resistor").integer()).flatMap { $0 > 0 ? Double($0) : nil } ?? 10_000
        currentLSBmA = 40_000 / shunt
    }

    public var description: String { "\(name) (ina3221-hwmon, \(directory) channel \(channel))" }
    public var kind: SourceKind { .rail }
    /// At a typical 5 V / 1 A operating point.
    public var resolutionMilliwatts: Double { 0.5 * (5 * currentLSBmA + 1 * 8) }

    public func read() throws(EnergyError) -> Reading {
        let mV = try voltage.integer(), mA = try current.integer()
        return .milliwatts(Double(mV) * Double(mA) / 1000)
    }
}

/// NVIDIA's `ina3221x` IIO driver (JetPack 4): `in_power<N>_input` in mW.
public struct INA3221xIIOSource: PowerSource {
    public let name: String, directory: String, channel: Int
    public let updateIntervalMs: Int?
    let power: RailFile

    public init(name: String, directory: String, channel: Int, updateIntervalMs: Int?) {
        self.name = name
        self.directory = directory
        self.channel = channel
        self.updateIntervalMs = updateIntervalMs
        power = RailFile(root: directory, "in_power\(channel)_input")
    }

    public var description: String { "\(name) (ina3221x-iio, \(directory) rail \(channel))" }
    public var kind: SourceKind { .rail }
    public var resolutionMilliwatts: Double { 0.5 }

    public func read() throws(EnergyError) -> Reading { .milliwatts(Double(try power.integer())) }
}

/// INA2xx/INA238 on hwmon: `power1_input` in µW (not mW — BOARDS.md §9.3).
public struct INA2xxHwmonSource: PowerSource {
    public let name: String, directory: String
    public let updateIntervalMs: Int?
    let power: RailFile

    public init(name: String, directory: String, updateIntervalMs: Int?) {
        self.name = name
        self.directory = directory
        self.updateIntervalMs = updateIntervalMs
        power = RailFile(root: directory, "power1_input")
    }

    public var description: String { "\(name) (ina2xx-hwmon, \(directory))" }
    public var kind: SourceKind { .rail }
    /// ina226 power LSB = 25 × current LSB; 1 mA current LSB is typical.
    public var resolutionMilliwatts: Double { 12.5 }

    public func read() throws(EnergyError) -> Reading { .milliwatts(Double(try power.integer()) / 1000) }
}

/// powercap RAPL zone: `energy_uj` (µJ, cumulative) wrapping at `max_energy_range_uj`.
public struct RAPLSource: PowerSource {
    public let name: String, directory: String
    let energy: RailFile, range: RailFile

    public init(name: String, directory: String) {
        self.name = name
        self.directory = directory
        energy = RailFile(root: directory, "energy_uj")
        range = RailFile(root: directory, "max_energy_range_uj")
    }

    public var description: String { "\(name) (rapl, \(directory))" }
    public var kind: SourceKind { .rapl }
    public var updateIntervalMs: Int? { 1 }
    public var resolutionMilliwatts: Double { 0 }

    public func read() throws(EnergyError) -> Reading {
        let value = try energy.integer(), wrap = try range.integer()
        guard value >= 0, wrap > 0, value <= wrap else {
            throw EnergyError(.read, "\(energy.path): \(value) outside 0…max_energy_range_uj \(wrap)")
        }
        return .microjoules(Double(value), wrap: Double(wrap))
    }
}

/// `power_supply`: `power_now` in µW, else |`voltage_now` µV × `current_now` µA| (the sign of
/// the current is driver-specific).
public struct PowerSupplySource: PowerSource {
    public let name: String, directory: String
    let power: RailFile, voltage: RailFile, current: RailFile

    public init(name: String, directory: String) {
        self.name = name
        self.directory = directory
        power = RailFile(root: directory, "power_now")
        voltage = RailFile(root: directory, "voltage_now")
        current = RailFile(root: directory, "current_now")
    }

    public var description: String { "\(name) (power_supply, \(directory))" }
    public var kind: SourceKind { .powerSupply }
    public var updateIntervalMs: Int? { nil }
    public var resolutionMilliwatts: Double { 0.5 }

    public func read() throws(EnergyError) -> Reading {
        if power.exists { return .milliwatts(Double(try power.integer()) / 1000) }
        let uV = try voltage.integer(), uA = try current.integer()
        return .milliwatts(abs(Double(uV) * Double(uA)) / 1e9)
    }
}
