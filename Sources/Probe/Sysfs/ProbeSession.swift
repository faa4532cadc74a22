/// One probe run: reads root-relative paths through the injected reader and records every
/// item that could not be read, so a failure costs one field, never the report
/// (ARCHITECTURE §1, STYLE §5).
final class ProbeSession {
    let root: SysfsRoot
    let reader: any FileSystemReading
    private(set) var unreadable: [Unreadable] = []
    private(set) var warnings: [String] = []

    init(root: SysfsRoot, reader: any FileSystemReading) {
        self.root = root
        self.reader = reader
    }

    /// Records that `path` could not be read, once per path.
    func record(_ path: String, _ reason: String) {
        append(Unreadable(path: SysfsRoot.display(path), reason: reason))
    }

    /// Records that a board tool could not be run or its output not understood; the "path" is
    /// the command line.
    func recordCommand(_ arguments: [String], _ reason: String) {
        append(Unreadable(path: arguments.joined(separator: " "), reason: reason))
    }

    private func append(_ item: Unreadable) {
        if !unreadable.contains(where: { $0.path == item.path }) { unreadable.append(item) }
    }

    func warn(_ message: String) {
        if !warnings.contains(message) { warnings.append(message) }
    }

    /// The raw content of a file. A missing optional file is silently nil; every other
    /// failure is recorded.
    func raw(_ path: String, optional: Bool = false) -> String? {
        do {
            return try reader.readFile(atPath: root.absolute(path))
        } catch {
            if !(optional && error.kind == .missing) { record(path, error.reason) }
            return nil
        }
    }

    /// A text attribute without its trailing newline (and NULs), as sysfs prints one value.
    func text(_ path: String, optional: Bool = false) -> String? {
        guard let content = raw(path, optional: optional) else { return nil }
        let value = SysfsValue.trimmed(content)
        if value.isEmpty {
            record(path, "empty value")
            return nil
        }
        return value
    }

    /// An integer attribute; a value with a unit suffix (`"32760 ma"`) is accepted when the
    /// suffix is listed. Garbage is recorded with what was found.
    func integer(_ path: String, optional: Bool = false, suffixes: [String] = []) -> Int? {
        guard let value = text(path, optional: optional) else { return nil }
        switch SysfsValue.integer(value, suffixes: suffixes) {
        case .success(let number): return number
        case .failure(let failure):
            record(path, failure.reason)
            return nil
        }
    }

    /// Directory entries; a missing directory is an empty list (absent hardware is not an
    /// error), any other failure is recorded.
    func list(_ path: String) -> [String] {
        do {
            return try reader.listDirectory(atPath: root.absolute(path))
        } catch {
            if error.kind != .missing { record(path, error.reason) }
            return []
        }
    }

    func exists(_ path: String) -> Bool { reader.exists(atPath: root.absolute(path)) }

    /// The root-relative path with symlinks resolved (nil when it leaves the root or dangles).
    func resolve(_ path: String) -> String? {
        reader.resolvingSymlinks(atPath: root.absolute(path)).flatMap(root.relative)
    }
}
