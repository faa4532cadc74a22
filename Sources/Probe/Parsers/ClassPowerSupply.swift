/// Batteries and supplies under /sys/class/power_supply (BOARDS.md §1.6, §8): `power_now` in
/// µW, else `voltage_now` (µV) × `current_now` (µA; the sign is driver-specific, so the
/// magnitude is used). USB-C PD entries (`ucsi-source-psy-*`) are not board power and are
/// skipped, as jetson_stats PR #900 does.
enum ClassPowerSupply {
    static let base = "sys/class/power_supply"

    static func read(_ session: ProbeSession) -> [PowerRail] {
        session.list(base).compactMap { name in
            guard !name.hasPrefix("ucsi-source-psy") else { return nil }
            let dir = joinPath(base, name)
            let hasPower = session.exists(joinPath(dir, "power_now"))
            let hasVI = session.exists(joinPath(dir, "voltage_now")) && session.exists(joinPath(dir, "current_now"))
            guard hasPower || hasVI else { return nil }  // Mains/USB entries with only `online`
            let microvolts = session.integer(joinPath(dir, "voltage_now"), optional: true)
            let microamps = session.integer(joinPath(dir, "current_now"), optional: true)
            let milliwatts: Double? =
                hasPower
                ? session.integer(joinPath(dir, "power_now")).map { Double(abs($0)) / 1000 }
                : ClassHwmon.product(microvolts, microamps.map(abs)).map { $0 / 1_000_000_000 }
            return PowerRail(
                name: name, role: RailRole.unknown, milliwatts: milliwatts.map(roundMilli),
                millivolts: microvolts.map { Double($0) / 1000 }, milliamps: microamps.map { Double($0) / 1000 },
                source: "power-supply", chip: session.text(joinPath(dir, "type"), optional: true), device: name,
                channel: nil, path: SysfsRoot.display(session.resolve(dir) ?? dir), updateIntervalMs: nil)
        }
    }
}
