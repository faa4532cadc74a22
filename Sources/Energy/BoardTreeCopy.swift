import Foundation

/// A private copy of a board file tree (symlinks kept, `cp -a`), removed when the value goes
/// away. The simulated rail writes into a copy, so the tree the operator named is never changed.
/// The copy lives in memory (`/dev/shm`) where it can, as sysfs does: on a disk file system a
/// rename waits behind other processes' fsyncs (measured on ext4 under fsync load: max 18 ms,
/// against 4 ms on tmpfs), and a rail that lags its trace skews every window it is read in.
public final class BoardTreeCopy: Sendable {
    public let root: String

    public init(copying source: String) throws(EnergyError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EnergyError(.write, "board tree \(source) is not a directory")
        }
        root = Self.parent + "/edgepilot-board-\(UUID().uuidString)"
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/bin/cp")
        copy.arguments = ["-a", source, root]
        do {
            try copy.run()
        } catch {
            throw EnergyError(.write, "cannot copy board tree \(source): \(error.localizedDescription)")
        }
        copy.waitUntilExit()
        guard copy.terminationStatus == 0 else { throw EnergyError(.write, "cannot copy board tree \(source) to \(root) (cp exit \(copy.terminationStatus))") }
    }

    /// `/dev/shm` when it is a writable directory, else the temporary directory.
    static var parent: String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDirectory), isDirectory.boolValue,
           access("/dev/shm", W_OK | X_OK) == 0 {
            return "/dev/shm"
        }
        return FileManager.default.temporaryDirectory.path
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }
}
