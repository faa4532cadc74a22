/// The Raspberry Pi 5 PMIC ADC through `vcgencmd pmic_read_adc` (BOARDS.md §4): right-aligned
/// lines `   3V3_SYS_A current(1)=0.12687090A` and `   3V3_SYS_V volt(9)=3.32580900V`.
/// A rail with both gives V × A; voltage-only lines (`EXT5V_V`, `BATT_V`) are not power.
/// Other Pis answer "Command not registered".
enum VcgencmdPMIC {
    static let command = ["vcgencmd", "pmic_read_adc"]

    static func parse(_ text: String) -> [PowerRail] {
        var amps: [(String, Double)] = []
        var volts: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            guard let match = line.firstMatch(of: /^\s*(\S+)_([AV])\s+(?:current|volt)\(\d+\)=([-0-9.eE+]+)[AV]\s*$/),
                let value = Double(match.3)
            else { continue }
            if match.2 == "A" { amps.append((String(match.1), value)) } else { volts[String(match.1)] = value }
        }
        return amps.compactMap { name, current in
            guard let voltage = volts[name] else { return nil }
            return PowerRail(
                name: name, role: RailRole.unknown, milliwatts: roundMilli(voltage * current * 1000),
                millivolts: roundMilli(voltage * 1000), milliamps: roundMilli(current * 1000),
                source: "vcgencmd-pmic", chip: "pmic", device: nil, channel: nil, path: nil, updateIntervalMs: nil)
        }
    }

    static func read(_ session: ProbeSession, commands: any CommandRunning) -> [PowerRail] {
        switch commands.output(of: command) {
        case nil:
            return []
        case .failure(let failure):
            session.recordCommand(command, failure.reason)
            return []
        case .success(let text):
            if text.contains("Command not registered") { return [] }
            let rails = parse(text)
            if rails.isEmpty { session.recordCommand(command, "no '<RAIL>_A current(n)=…A' lines in its output") }
            return rails
        }
    }
}
