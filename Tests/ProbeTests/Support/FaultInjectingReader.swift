import Probe

/// The real reader, except that chosen files fail the way real sysfs does (EAGAIN on a
/// power-gated zone, ENODATA on a disabled channel, EACCES on a root-only counter).
struct FaultInjectingReader: FileSystemReading {
    var base = PosixFileReader()
    /// Path suffix → the failure a read of a matching file produces.
    var faults: [String: ReadFailure]

    func readFile(atPath path: String) throws(ReadFailure) -> String {
        if let fault = faults.first(where: { path.hasSuffix($0.key) })?.value { throw fault }
        return try base.readFile(atPath: path)
    }

    func listDirectory(atPath path: String) throws(ReadFailure) -> [String] { try base.listDirectory(atPath: path) }
    func exists(atPath path: String) -> Bool { base.exists(atPath: path) }
    func resolvingSymlinks(atPath path: String) -> String? { base.resolvingSymlinks(atPath: path) }
}
