/// Facts about Jetson modules and releases, from BOARDS.md §2.1 and §2.3
/// (jetson_stats `jetson_variables.py` MODULE_NAME_TABLE and NVIDIA's release notes).
enum JetsonCatalog {
    static let modules: [String: String] = [
        "p3448-0000": "Jetson Nano 4GB", "p3448-0002": "Jetson Nano 16GB eMMC", "p3448-0003": "Jetson Nano 2GB",
        "p3310-1000": "Jetson TX2", "p3489-0888": "Jetson TX2 4GB", "p3489-0000": "Jetson TX2i",
        "p3636-0001": "Jetson TX2 NX",
        "p2888-0001": "Jetson AGX Xavier 16GB", "p2888-0003": "Jetson AGX Xavier 32GB",
        "p2888-0004": "Jetson AGX Xavier 32GB", "p2888-0005": "Jetson AGX Xavier 64GB",
        "p2888-0006": "Jetson AGX Xavier 8GB", "p2888-0008": "Jetson AGX Xavier Industrial",
        "p3668-0000": "Jetson Xavier NX (devkit)", "p3668-0001": "Jetson Xavier NX",
        "p3668-0003": "Jetson Xavier NX 16GB",
        "p3767-0000": "Jetson Orin NX 16GB", "p3767-0001": "Jetson Orin NX 8GB",
        "p3767-0003": "Jetson Orin Nano 8GB", "p3767-0004": "Jetson Orin Nano 4GB",
        "p3767-0005": "Jetson Orin Nano (devkit)",
        "p3701-0000": "Jetson AGX Orin", "p3701-0004": "Jetson AGX Orin 32GB",
        "p3701-0005": "Jetson AGX Orin 64GB", "p3701-0008": "Jetson AGX Orin Industrial",
        "p3834-0008": "Jetson AGX Thor (devkit)",
    ]

    /// L4T release → JetPack, only the pairs BOARDS.md §2.1 evidences (`38.2` covers 38.2.x).
    /// Longest match wins; an unlisted release has no JetPack name rather than a guessed one.
    static let jetpackByL4T: [(String, String)] = [
        ("32.6.1", "4.6"), ("32.7.1", "4.6.1"), ("32.7.4", "4.6.4"), ("32.7.6", "4.6.6"),
        ("35.1.0", "5.0.2"), ("35.2.1", "5.1"), ("35.3.1", "5.1.1"), ("35.4.1", "5.1.2"), ("35.5.0", "5.1.3"),
        ("35.6.0", "5.1.4"), ("36.3.0", "6.0"), ("36.4.0", "6.1"), ("36.4.3", "6.2"), ("36.4.4", "6.2.1"),
        ("36.4.7", "6.2.1"), ("36.5.0", "6.2.2"), ("38.2", "7.0"), ("38.4.0", "7.1"), ("39.0.0", "7.2 EA"),
        ("39.2.0", "7.2"),
    ]

    static func jetpack(forL4T release: String) -> String? {
        let normalized = release.split(separator: ".").count == 2 ? release + ".0" : release
        return jetpackByL4T
            .filter { normalized == $0.0 || normalized.hasPrefix($0.0 + ".") }
            .max { $0.0.count < $1.0.count }?.1
    }

    /// Module and carrier P-numbers from `compatible`: `nvidia,p3768-0000+p3767-0005-super`
    /// names carrier+module; a bare `nvidia,p3767-0005` names the module.
    static func identify(compatible: [String], into board: inout BoardIdentity) {
        for entry in compatible where entry.hasPrefix("nvidia,") {
            let body = entry.dropFirst("nvidia,".count)
            let parts = body.split(separator: "+").map(String.init)
            if parts.count == 2 {
                board.carrierPart = board.carrierPart ?? pNumber(parts[0])
                board.modulePart = board.modulePart ?? pNumber(parts[1])
            } else if let part = pNumber(parts[0]), modules[part] != nil {
                board.modulePart = board.modulePart ?? part
            }
        }
        board.moduleName = board.modulePart.flatMap { modules[$0] }
    }

    /// `p3767-0005` from `p3767-0005-super` or `p3449-0000-b00`.
    private static func pNumber(_ text: String) -> String? {
        text.firstMatch(of: /^(p\d{4}-\d{4})/).map { String($0.1) }
    }
}
