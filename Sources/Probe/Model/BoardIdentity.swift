/// What the board is, beyond its model string.
public struct BoardIdentity: Codable, Equatable, Sendable, ExplicitNullEncodable {
    /// "jetson", "raspberry-pi", "rockchip", "x86", or "unknown".
    public var family = "unknown"
    /// The SoC from `compatible` (`tegra234`, `bcm2712`, `rk3588`).
    public var soc: String?
    /// Jetson module P-number (`p3767-0005`) and its name (BOARDS.md §2.3).
    public var modulePart: String?
    public var moduleName: String?
    /// Jetson carrier P-number (`p3768-0000`).
    public var carrierPart: String?
    /// `nvidia,boardids` (pre-UEFI Jetsons only).
    public var nvidiaBoardIds: String?
    public var raspberryPi: RaspberryPiRevision?
    public var dmiVendor: String?
    public var dmiProductName: String?

    public init() {}
}

/// A Raspberry Pi revision code (`Revision : d04170` in /proc/cpuinfo), decoded.
public struct RaspberryPiRevision: Codable, Equatable, Sendable, ExplicitNullEncodable {
    public var code: String
    public var type: String?
    public var memoryBytes: Int?
    public var manufacturer: String?
    public var boardRevision: String?
}
