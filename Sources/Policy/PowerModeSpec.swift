/// A board power mode as the profile lists it (Jetson nvpmodel): its nominal watts (nil for
/// uncapped modes such as MAXN) and whether entering it needs a reboot — such a mode is never
/// chosen, since switching to it would stop the service.
public struct PowerModeSpec: Sendable, Equatable, Codable {
    public var name: String
    public var nominalWatts: Double?
    public var needsReboot: Bool

    public init(name: String, nominalWatts: Double?, needsReboot: Bool = false) {
        self.name = name
        self.nominalWatts = nominalWatts
        self.needsReboot = needsReboot
    }
}
