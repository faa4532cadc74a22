import Energy
import Probe

/// The hottest readable thermal zone now, in °C (zones that fail — EAGAIN on power-gated Orin
/// cv zones — or read a sentinel are skipped).
public struct ThermalReader: Sendable {
    let files: [(type: String, file: RailFile)]

    public init(_ info: HardwareInfo, root: String) {
        files = info.thermal.map { ($0.type, RailFile(root: root, "sys/class/thermal/\($0.zone)/temp")) }
    }

    public func hottestCelsius() -> Double? { zones().map(\.celsius).max() }

    /// Each readable zone now, by its type (`cpu-thermal`, `CPU-therm`, …).
    public func zones() -> [(zone: String, celsius: Double)] {
        files.compactMap { entry -> (String, Double)? in
            guard let milli = try? entry.file.integer(), milli > -40_000, milli < 150_000 else { return nil }
            return (entry.type, Double(milli) / 1000)
        }
    }
}
