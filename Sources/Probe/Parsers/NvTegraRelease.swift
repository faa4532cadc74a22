/// /etc/nv_tegra_release, line 1:
/// `# R36 (release), REVISION: 4.3, GCID: 38968081, BOARD: generic, EABI: aarch64, DATE: …`
/// (BOARDS.md §2.1). R36+ adds lines that carry no version.
enum NvTegraRelease {
    static let path = "etc/nv_tegra_release"

    /// "36.4.3" from the first line, or nil when the line is not of that form.
    static func parse(_ text: String) -> String? {
        guard let line = text.split(separator: "\n").first,
            let major = line.firstMatch(of: /#\s*R(\d+)\s*\(release\)/)?.1,
            let revision = line.firstMatch(of: /REVISION:\s*(\d+(?:\.\d+)*)/)?.1
        else { return nil }
        return "\(major).\(revision)"
    }

    static func read(_ session: ProbeSession, into info: inout HardwareInfo) {
        guard let text = session.raw(path, optional: true) else { return }
        guard let release = parse(text) else {
            session.record(path, "first line is not '# R<major> (release), REVISION: <minor>…': \(SysfsValue.quoted(SysfsValue.trimmed(String(text.split(separator: "\n").first ?? ""))))")
            return
        }
        info.l4tRelease = release
        info.jetpack = JetsonCatalog.jetpack(forL4T: release)
    }
}
