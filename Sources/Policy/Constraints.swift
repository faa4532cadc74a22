/// What every choice must respect, as the operator set it.
public struct Constraints: Sendable, Equatable, Codable {
    /// Average board power allowed, watts.
    public var budgetWatts: Double
    /// p99 latency allowed, ms (nil: none).
    public var sloP99Ms: Double?
    /// Accuracy points a variant may lose against the best FP32 candidate (nil: any).
    public var maxAccuracyDropPoints: Double?
    /// Memory a candidate may take, bytes (nil: any).
    public var memoryLimitBytes: Int?
    /// Whether the policy may choose a candidate of another power mode than `currentPowerMode`.
    public var allowPowerModeSwitching: Bool
    /// The board's modes (from its profile): nominal watts, and which need a reboot.
    public var powerModes: [PowerModeSpec]
    /// The mode the board is in now (nil: unknown, or a board without modes).
    public var currentPowerMode: String?

    public init(budgetWatts: Double, sloP99Ms: Double? = nil, maxAccuracyDropPoints: Double? = nil, memoryLimitBytes: Int? = nil,
                allowPowerModeSwitching: Bool = false, powerModes: [PowerModeSpec] = [], currentPowerMode: String? = nil) {
        self.budgetWatts = budgetWatts
        self.sloP99Ms = sloP99Ms
        self.maxAccuracyDropPoints = maxAccuracyDropPoints
        self.memoryLimitBytes = memoryLimitBytes
        self.allowPowerModeSwitching = allowPowerModeSwitching
        self.powerModes = powerModes
        self.currentPowerMode = currentPowerMode
    }
}
