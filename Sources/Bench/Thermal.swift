import Energy
import Probe

/// The hottest readable thermal zone now, in °C (zones that fail — EAGAIN on power-gated Orin
/// cv zones — or read a sentinel are skipped).
public struct ThermalReader: Sendable {
    let files: [RailFile]

    public init(_ info: HardwareInfo, root: String) {
        files = info.thermal.map { RailFile(root: root, "sys/class/thermal/\($0.zone)/temp") }
    }

    public func hottestCelsius() -> Double? {
        files.compactMap { file -> Double? in
            guard let milli = try? file.integer(), milli > -40_000, milli < 150_000 else { return nil }
            return Double(milli) / 1000
        }.max()
    }
}
