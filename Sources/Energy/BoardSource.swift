import Probe

/// Several rails read together and added (boards without a total-input rail: AGX Orin, Pi 5).
public struct SumSource: PowerSource {
    public let parts: [any PowerSource]

    public var description: String { "sum of " + parts.map(\.description).joined(separator: " + ") }
    public var kind: SourceKind { parts.first?.kind ?? .rail }
    public var updateIntervalMs: Int? { parts.compactMap(\.updateIntervalMs).max() }
    public var resolutionMilliwatts: Double { parts.map(\.resolutionMilliwatts).reduce(0, +) }

    public func read() throws(EnergyError) -> Reading {
        var total = 0.0
        for part in parts {
            guard case .milliwatts(let mW) = try part.read() else {
                throw EnergyError(.unsupported, "\(part.description): a counter cannot be added to power rails")
            }
            total += mW
        }
        return .milliwatts(total)
    }
}

/// Sources for the rails Probe found, by their `source` family.
public enum BoardSource {
    /// One rail, its directory under `root`.
    public static func make(_ rail: PowerRail, root: String) throws(EnergyError) -> any PowerSource {
        guard let path = rail.path else {
            throw EnergyError(.unsupported, "rail \(rail.name) (\(rail.source)) has no sysfs path to sample")
        }
        let directory = root == "/" ? path : root + path
        switch rail.source {
        case "ina3221-hwmon":
            guard let channel = rail.channel else { throw EnergyError(.unsupported, "rail \(rail.name): no channel") }
            return INA3221HwmonSource(name: rail.name, directory: directory, channel: channel, updateIntervalMs: rail.updateIntervalMs)
        case "ina3221x-iio":
            guard let channel = rail.channel else { throw EnergyError(.unsupported, "rail \(rail.name): no channel") }
            return INA3221xIIOSource(name: rail.name, directory: directory, channel: channel, updateIntervalMs: rail.updateIntervalMs)
        case "ina2xx-hwmon":
            return INA2xxHwmonSource(name: rail.name, directory: directory, updateIntervalMs: rail.updateIntervalMs)
        case "rapl":
            return RAPLSource(name: rail.name, directory: directory)
        case "power-supply":
            return PowerSupplySource(name: rail.name, directory: directory)
        default:
            throw EnergyError(.unsupported, "rail \(rail.name): source '\(rail.source)' cannot be sampled from files")
        }
    }

    /// The board's total power as Probe chose it (`boardPower`): one rail, a counter, or a sum;
    /// nil when Probe found none (the caller then estimates, and says so).
    public static func total(_ info: HardwareInfo, root: String) throws(EnergyError) -> (any PowerSource)? {
        let names = info.boardPower.rails
        guard info.boardPower.method != "estimated", !names.isEmpty else { return nil }
        var parts: [any PowerSource] = []
        for name in names {
            guard let rail = info.rails.first(where: { $0.name == name }) else {
                throw EnergyError(.unsupported, "board power names rail \(name), which the probe did not list")
            }
            parts.append(try make(rail, root: root))
        }
        return parts.count == 1 ? parts[0] : SumSource(parts: parts)
    }
}
