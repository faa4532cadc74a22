import Policy
import Probe

extension PowerModeSpec {
    /// The board's power modes as its profile lists them.
    public static func modes(of profile: BoardProfile) -> [PowerModeSpec] {
        profile.powerModes.map { PowerModeSpec(name: $0.name, nominalWatts: $0.watts, needsReboot: $0.reboot) }
    }
}
