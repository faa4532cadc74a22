/// One board family's data from `profiles/<id>.yaml` (ARCHITECTURE §1): how to recognise the
/// board, what each power rail is, how board power is obtained, its power modes, a default
/// power budget and its big cores. docs/profiles.md documents every key.
public struct BoardProfile: Equatable, Sendable {
    public struct Match: Equatable, Sendable {
        /// Substrings of any `compatible` entry.
        public var compatible: [String] = []
        /// Substrings of the model string.
        public var model: [String] = []
        /// For generic profiles: the CPU architecture ("aarch64", "x86_64").
        public var architecture: String?
    }

    /// A rail-name pattern (exact, or with `*` wildcards) and the role it gives.
    public struct RoleRule: Equatable, Sendable {
        public var pattern: String
        public var role: String
    }

    public struct PowerMode: Equatable, Sendable {
        public var id: Int?
        public var name: String
        public var watts: Double?
        /// nvpmodel asks for a reboot to enter it (the mode changes the online cores or GPU
        /// partitions): an agent must never switch to it on its own.
        public var reboot = false
    }

    public var id: String
    public var name: String
    public var match = Match()
    /// Names for sensors without labels, keyed by `<chip>@<device>` (`ina226@2-0040`).
    public var railNames: [String: String] = [:]
    /// In file order; exact names are tried before patterns.
    public var railRoles: [RoleRule] = []
    /// Rails (names or patterns) whose sum is board power when no rail has the role total.
    public var boardPowerSum: [String] = []
    /// Why board power is obtained as it is; shown with every reading.
    public var boardPowerNote: String?
    public var powerModes: [PowerMode] = []
    public var defaultBudgetWatts: Double
    /// Core names that are big; empty means "the fastest cluster".
    public var bigCores: [String] = []

    /// Whether this profile only matches by architecture (a fallback).
    public var isGeneric: Bool { match.compatible.isEmpty && match.model.isEmpty }
}

/// The role vocabulary (docs/profiles.md). A combined rail joins atoms with `+`.
enum RailRole {
    static let atoms: Set<String> = ["total", "cpu", "gpu", "cv", "soc", "io", "dram", "sys", "battery"]
    static let unknown = "unknown"

    /// nil when valid, else what is wrong.
    static func problem(_ role: String) -> String? {
        let parts = role.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        if let bad = parts.first(where: { !atoms.contains($0) }) {
            return "unknown rail role '\(bad)' (expected \(atoms.sorted().joined(separator: ", ")), joined by '+')"
        }
        if parts.count > 1 && parts.contains("total") { return "'total' cannot be combined with other roles" }
        return nil
    }
}

/// `*` matches any run of characters; everything else matches itself.
func globMatches(_ pattern: String, _ text: String) -> Bool {
    let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
    guard pieces.count > 1 else { return pattern == text }
    var rest = Substring(text)
    guard rest.hasPrefix(pieces[0]) else { return false }
    rest = rest.dropFirst(pieces[0].count)
    for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
        guard let range = rest.firstRange(of: piece) else { return false }
        rest = rest[range.upperBound...]
    }
    return rest.hasSuffix(pieces[pieces.count - 1])
}
