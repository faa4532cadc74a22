/// The Jetson power mode (BOARDS.md §2.5): `nvpmodel -q` prints `NV Power Mode: <NAME>` and
/// the id on the next line, possibly after `NVPM WARN:` lines, so it is parsed by prefix,
/// never by line number. Without the tool, `/var/lib/nvpmodel/status` (`pmode:0002 …`) gives
/// the id and `/etc/nvpmodel.conf` (`< POWER_MODEL ID=2 NAME=… >`) the name and default.
enum Nvpmodel {
    static let command = ["nvpmodel", "-q"]
    static let statusPath = "var/lib/nvpmodel/status"
    static let confPath = "etc/nvpmodel.conf"

    struct Conf: Equatable {
        var modes: [Int: String] = [:]
        var defaultId: Int?
    }

    /// (name, id) from `nvpmodel -q` output.
    static func parseQuery(_ text: String) -> (name: String, id: Int?)? {
        let lines = text.split(separator: "\n").map { $0.trimmingWhitespace() }
        guard let index = lines.firstIndex(where: { $0.hasPrefix("NV Power Mode:") }) else { return nil }
        let name = lines[index].dropFirst("NV Power Mode:".count).trimmingWhitespace()
        guard !name.isEmpty else { return nil }
        let id = lines.dropFirst(index + 1).first { !$0.isEmpty }.flatMap { Int($0) }
        return (name, id)
    }

    static func parseConf(_ text: String) -> Conf {
        var conf = Conf()
        for match in text.matches(of: /<\s*POWER_MODEL\s+ID=(\d+)\s+NAME=([^\s>]+)\s*>/) {
            if let id = Int(match.1) { conf.modes[id] = String(match.2) }
        }
        conf.defaultId = text.firstMatch(of: /<\s*PM_CONFIG\s+DEFAULT=(\d+)\s*>/).flatMap { Int($0.1) }
        return conf
    }

    /// `pmode:0002 fmode:quiet` → 2.
    static func parseStatus(_ text: String) -> Int? {
        text.firstMatch(of: /pmode:(\d+)/).flatMap { Int($0.1) }
    }

    static func read(_ session: ProbeSession, commands: any CommandRunning) -> PowerModeInfo? {
        let conf = session.raw(confPath, optional: true).map(parseConf)
        switch commands.output(of: command) {
        case .success(let text):
            if let (name, id) = parseQuery(text) {
                return PowerModeInfo(
                    id: id ?? conf?.modes.first { $0.value == name }?.key, name: name, nominalWatts: nil,
                    defaultId: conf?.defaultId, source: "nvpmodel -q")
            }
            session.recordCommand(command, "no 'NV Power Mode:' line in its output")
        case .failure(let failure):
            session.recordCommand(command, failure.reason)
        case nil:
            break
        }
        guard let status = session.text(statusPath) else { return nil }
        guard let id = parseStatus(status) else {
            session.record(statusPath, "no 'pmode:<id>' in \(SysfsValue.quoted(status))")
            return nil
        }
        guard let name = conf?.modes[id] else {
            session.record(confPath, conf == nil ? "no such file (needed to name power mode \(id))" : "no POWER_MODEL with ID=\(id)")
            return nil
        }
        return PowerModeInfo(id: id, name: name, nominalWatts: nil, defaultId: conf?.defaultId, source: SysfsRoot.display(statusPath))
    }
}

extension HardwareProbe {
    /// The power modes nvpmodel can set on the board at `root` (`etc/nvpmodel.conf`), name → id
    /// (`nvpmodel -m <id>`); empty without the file.
    public static func nvpmodelModes(root: String, reader: any FileSystemReading = PosixFileReader()) -> [String: Int] {
        guard let text = try? reader.readFile(atPath: (root.hasSuffix("/") ? root : root + "/") + Nvpmodel.confPath) else { return [:] }
        return Dictionary(Nvpmodel.parseConf(text).modes.map { ($0.value, $0.key) }, uniquingKeysWith: min)
    }
}
