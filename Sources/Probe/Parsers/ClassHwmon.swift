/// Power monitors on /sys/class/hwmon, found by the chip's `name`, never by index
/// (BOARDS.md §0, §1.2, §1.4):
/// - `ina3221` (JetPack 5+ and mainline): channels 1–3 with `inN_label`; power is
///   `inN_input` (mV) × `currN_input` (mA); channel 7 / `curr4` are sums and are skipped, as
///   are disabled channels and `NC` placeholders.
/// - the INA2xx family (`ina219`, `ina226`, `ina238`, …): `power1_input` in µW, no labels.
enum ClassHwmon {
    static let base = "sys/class/hwmon"
    static let ina2xxChips: Set<String> = ["ina209", "ina219", "ina220", "ina226", "ina230", "ina231", "ina238", "ina260"]

    static func read(_ session: ProbeSession) -> [PowerRail] {
        var rails: [PowerRail] = []
        for entry in session.list(base) where entry.hasPrefix("hwmon") {
            let dir = joinPath(base, entry)
            guard let chip = session.text(joinPath(dir, "name")) else { continue }
            let resolved = session.resolve(dir) ?? dir
            let device = deviceName(resolvedHwmonPath: resolved)
            if chip == "ina3221" {
                rails += ina3221(dir: dir, device: device, shownPath: resolved, session)
            } else if ina2xxChips.contains(chip) {
                rails.append(ina2xx(dir: dir, chip: chip, device: device, shownPath: resolved, session))
            }
        }
        return rails
    }

    /// `…/1-0040/hwmon/hwmon1` (nested, kernels ≥ 5.x) or `…/1-0040/hwmon1` → `1-0040`.
    static func deviceName(resolvedHwmonPath path: String) -> String? {
        var parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 2 else { return nil }
        parts.removeLast()
        if parts.last == "hwmon" { parts.removeLast() }
        return parts.last
    }

    private static func ina3221(dir: String, device: String?, shownPath: String, _ session: ProbeSession) -> [PowerRail] {
        let interval = session.integer(joinPath(dir, "update_interval"), optional: true)
        var rails: [PowerRail] = []
        for channel in 1...3 {
            let enable = session.integer(joinPath(dir, "in\(channel)_enable"), optional: true)
            if enable == 0 { continue }  // disabled in the device tree: inputs fail with ENODATA
            let label = session.text(joinPath(dir, "in\(channel)_label"), optional: true)
            if label == nil && enable == nil { continue }  // no such channel on this chip
            if let label, isPlaceholder(label) { continue }
            let millivolts = session.integer(joinPath(dir, "in\(channel)_input"))
            let milliamps = session.integer(joinPath(dir, "curr\(channel)_input"))
            rails.append(
                PowerRail(
                    name: label ?? "ina3221@\(device ?? "?")/\(channel)", role: RailRole.unknown,
                    milliwatts: product(millivolts, milliamps).map { roundMilli($0 / 1000) },
                    millivolts: millivolts.map(Double.init), milliamps: milliamps.map(Double.init),
                    source: "ina3221-hwmon", chip: "ina3221", device: device, channel: channel,
                    path: SysfsRoot.display(shownPath), updateIntervalMs: interval))
        }
        return rails
    }

    private static func ina2xx(dir: String, chip: String, device: String?, shownPath: String, _ session: ProbeSession) -> PowerRail {
        let label = ["power1_label", "curr1_label", "in1_label"].lazy
            .compactMap { session.text(joinPath(dir, $0), optional: true) }.first
        let microwatts = session.integer(joinPath(dir, "power1_input"))
        return PowerRail(
            name: label ?? "\(chip)@\(device ?? "?")", role: RailRole.unknown,
            milliwatts: microwatts.map { roundMilli(Double($0) / 1000) },
            millivolts: session.integer(joinPath(dir, "in1_input"), optional: true).map(Double.init),
            milliamps: session.integer(joinPath(dir, "curr1_input"), optional: true).map(Double.init),
            source: "ina2xx-hwmon", chip: chip, device: device, channel: 1,
            path: SysfsRoot.display(shownPath),
            updateIntervalMs: session.integer(joinPath(dir, "update_interval"), optional: true))
    }

    /// `NC` ("not connected") labels on JetPack 5 AGX Orin (BOARDS.md §1.2).
    static func isPlaceholder(_ label: String) -> Bool { label.uppercased() == "NC" }

    static func product(_ a: Int?, _ b: Int?) -> Double? {
        guard let a, let b else { return nil }
        return Double(a) * Double(b)
    }
}
