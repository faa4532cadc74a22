/// A GPU or NPU found through devfreq.
public struct Accelerator: Codable, Equatable, Sendable, ExplicitNullEncodable {
    /// The devfreq node name (`17000000.gpu`, `fb000000.gpu`).
    public var name: String
    /// "gpu" or "npu".
    public var kind: String
    /// The device-tree node name of the owning device (`gpu`, `gv11b`, `ga10b`).
    public var ofNodeName: String?
    /// Load in per-mille (0–1000): Jetson `load` is per-mille already; RK Mali `pct@Hz` is
    /// converted; the RK NPU debugfs line is averaged over its cores.
    public var loadPerMille: Int?
    public var curHz: Int?
    public var minHz: Int?
    public var maxHz: Int?
    public var governor: String?
}

/// A thermal zone.
public struct ThermalZone: Codable, Equatable, Sendable, ExplicitNullEncodable {
    public var zone: String
    public var type: String
    /// Null when unreadable (the reason is in `unreadable`) or a placeholder (see `note`).
    public var celsius: Double?
    public var trips: [TripPoint] = []
    public var note: String?
}

public struct TripPoint: Codable, Equatable, Sendable, ExplicitNullEncodable {
    public var type: String?
    public var celsius: Double?
}
