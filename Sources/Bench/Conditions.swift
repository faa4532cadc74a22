import Probe

/// The conditions a benchmark ran under (ARCHITECTURE §4), from the probe at its start and end.
public struct Conditions: Sendable, Codable, Equatable {
    public var board: String?
    public var threads: Int
    public var onlineCores: Int
    public var governors: [String]
    /// Lowest and highest current CPU frequency over the policies, kHz, at start and end.
    public var frequencyKHzStart: [Int]?
    public var frequencyKHzEnd: [Int]?
    public var temperatureStartC: Double?
    public var temperatureEndC: Double?
    /// Whether throttling was seen, and why it is believed (or "not seen").
    public var throttling: String
    public var powerMode: String?
    public var energySource: String

    public init(start: HardwareInfo, end: HardwareInfo, threads: Int, temperatureStartC: Double?, temperatureEndC: Double?,
                energySource: String) {
        board = start.board.moduleName ?? start.model ?? start.board.family
        self.threads = threads
        onlineCores = start.cores.count
        governors = Array(Set(start.clusters.flatMap(\.policies).compactMap(\.governor))).sorted()
        frequencyKHzStart = Self.range(start)
        frequencyKHzEnd = Self.range(end)
        self.temperatureStartC = temperatureStartC
        self.temperatureEndC = temperatureEndC
        powerMode = start.powerMode
        self.energySource = energySource
        var signs: [String] = []
        if let s = frequencyKHzStart?.last, let e = frequencyKHzEnd?.last, Double(e) < 0.9 * Double(s) {
            signs.append("highest CPU frequency fell from \(s) to \(e) kHz")
        }
        let passive = end.thermal.flatMap(\.trips).filter { $0.type == "passive" }.compactMap(\.celsius).min()
        if let hot = temperatureEndC, let passive, hot >= passive { signs.append("\(hot) °C reached the passive trip point \(passive) °C") }
        throttling = signs.isEmpty ? "not seen" : signs.joined(separator: "; ")
    }

    static func range(_ info: HardwareInfo) -> [Int]? {
        let current = info.clusters.flatMap(\.policies).compactMap(\.curKHz)
        guard let low = current.min(), let high = current.max() else { return nil }
        return [low, high]
    }
}
