/// One logical CPU.
public struct Core: Codable, Equatable, Sendable, ExplicitNullEncodable {
    public var id: Int
    public var online: Bool
    /// Decoded from implementer/part on arm64 (`Cortex-A78AE`), the `model name` on x86;
    /// null for an offline core with no online sibling in its cpufreq policy.
    public var coreName: String?
    public var implementer: String?
    public var part: String?
    /// `cpuinfo_max_freq` of the core's cpufreq policy, kHz.
    public var maxKHz: Int?
    /// Index into `clusters`.
    public var cluster: Int?
}

/// Cores grouped by core type and maximum frequency, with their cpufreq policies.
public struct Cluster: Codable, Equatable, Sendable, ExplicitNullEncodable {
    public var coreName: String?
    public var cpus: [Int]
    public var maxKHz: Int?
    public var minKHz: Int?
    /// Whether the profile counts these as big cores (where latency-critical work runs).
    public var big: Bool
    public var policies: [CPUFreqPolicy]
}

/// One `/sys/devices/system/cpu/cpufreq/policyN`.
public struct CPUFreqPolicy: Codable, Equatable, Sendable, ExplicitNullEncodable {
    public var name: String
    /// Online cores the policy drives (`affected_cpus`).
    public var cpus: [Int]
    public var governor: String?
    public var driver: String?
    public var curKHz: Int?
    public var minKHz: Int?
    public var maxKHz: Int?
    public var scalingMinKHz: Int?
    public var scalingMaxKHz: Int?
}
