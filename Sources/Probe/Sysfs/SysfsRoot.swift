/// The root every probe path hangs from: `/` on a board, a fixture tree in tests
/// (BOARDS.md §0 rule 1). Paths inside are root-relative, without a leading slash
/// (`sys/class/hwmon`), and are shown to people with one (`/sys/class/hwmon`).
public struct SysfsRoot: Sendable, Equatable {
    /// The root as given, with symlinks resolved, without a trailing slash ("" for `/`).
    public let path: String

    public init(resolvedPath: String) {
        var trimmed = resolvedPath
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        path = trimmed
    }

    /// The host path of a root-relative path.
    public func absolute(_ relative: String) -> String {
        relative.isEmpty ? (path.isEmpty ? "/" : path) : path + "/" + relative
    }

    /// The root-relative form of a host path, or nil when it lies outside the root.
    public func relative(_ absolute: String) -> String? {
        if path.isEmpty { return String(absolute.drop(while: { $0 == "/" })) }
        if absolute == path { return "" }
        guard absolute.hasPrefix(path + "/") else { return nil }
        return String(absolute.dropFirst(path.count + 1))
    }

    /// How a root-relative path is shown: as the path on the board.
    public static func display(_ relative: String) -> String { "/" + relative }
}

/// Joins root-relative path components.
func joinPath(_ parts: String...) -> String {
    parts.filter { !$0.isEmpty }.joined(separator: "/")
}

/// The last component of a path.
func lastComponent(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
