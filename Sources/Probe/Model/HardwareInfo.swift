/// Everything the probe learned about one board: the value every later stage (kernel choice,
/// energy source, policy) starts from. Encoded as the stable JSON of `edgepilot hw --json`,
/// documented in docs/hw-json.md; the keys named there never change meaning.
public struct HardwareInfo: Codable, Equatable, Sendable, ExplicitNullEncodable {
    /// Bumped only when a documented key changes meaning.
    public var schemaVersion = 1
    /// Device-tree `model`, else DMI product name (x86).
    public var model: String?
    /// Device-tree `compatible`, most specific first.
    public var compatible: [String] = []
    public var board = BoardIdentity()
    /// L4T release, e.g. "36.4.3" (Jetson only).
    public var l4tRelease: String?
    /// The JetPack release that ships this L4T release, when known.
    public var jetpack: String?
    public var kernelRelease: String?
    /// "aarch64" or "x86_64", from what /proc/cpuinfo describes.
    public var architecture: String?
    public var cores: [Core] = []
    public var clusters: [Cluster] = []
    /// ISA features present on every online core, spelled as the kernel spells them.
    public var features: [String] = []
    public var memTotalBytes: Int?
    public var memAvailableBytes: Int?
    public var gpus: [Accelerator] = []
    public var thermal: [ThermalZone] = []
    public var rails: [PowerRail] = []
    /// The board's total-input rail, per the matched profile; null where the board has none.
    public var totalRail: String?
    /// How board power is obtained: one rail, a sum the profile names, or an estimate.
    public var boardPower = BoardPower()
    /// The nvpmodel mode name, or null.
    public var powerMode: String?
    public var powerModeInfo: PowerModeInfo?
    /// The matched profile id (file name in profiles/ without .yaml), or null.
    public var profile: String?
    /// Why that profile matched.
    public var profileMatch: String?
    public var defaultBudgetWatts: Double?
    /// Degradations that are not read failures: an expected rail missing, an ambiguous total.
    public var warnings: [String] = []
    /// Every item that could not be read, with its path and reason.
    public var unreadable: [Unreadable] = []

    public init() {}
}

/// One item the probe could not read.
public struct Unreadable: Codable, Equatable, Sendable, ExplicitNullEncodable {
    /// The path on the board (root-relative, shown with a leading slash).
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
