/// The probe's only window onto the file system, so tests can inject the read errors real
/// sysfs produces (EAGAIN, ENODATA, EACCES) without a real board.
///
/// Paths are absolute host paths; ``SysfsRoot`` builds them from the probe root.
public protocol FileSystemReading: Sendable {
    /// The whole content of a small attribute file, read with one read loop on one open file
    /// descriptor (sysfs attributes regenerate on every open).
    func readFile(atPath path: String) throws(ReadFailure) -> String
    /// Entry names in a directory, sorted; symlinks are listed, not followed.
    func listDirectory(atPath path: String) throws(ReadFailure) -> [String]
    /// Whether something exists at the path (following symlinks).
    func exists(atPath path: String) -> Bool
    /// The path with every symlink resolved, or nil when it cannot be resolved.
    func resolvingSymlinks(atPath path: String) -> String?
}
