import Foundation

/// A throw-away sysfs-like tree for one-off edge cases (node_exporter's hwmon tests build
/// theirs the same way). Removed when the value is deinitialised.
final class TempTree {
    let root: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        root = base.path
    }

    /// A copy of a fixture tree, symlinks kept.
    convenience init(copying source: String) throws {
        try self.init()
        try FileManager.default.removeItem(atPath: root)
        let status = Self.run("/bin/cp", ["-a", source, root])
        guard status == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ relative: String) -> String { root + "/" + relative }

    /// Writes a sysfs-style attribute: the value and one newline (unless `raw`).
    func write(_ relative: String, _ value: String, raw: Bool = false) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((raw ? value : value + "\n").utf8).write(to: url)
    }

    func link(_ relative: String, to target: String) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    func remove(_ relative: String) throws { try FileManager.default.removeItem(atPath: path(relative)) }

    func move(_ from: String, _ to: String) throws { try FileManager.default.moveItem(atPath: path(from), toPath: path(to)) }

    static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try? process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
