import Foundation

/// A private copy of a board file tree (symlinks kept, `cp -a`) in the temporary directory,
/// removed when the value goes away. The simulated rail writes into a copy, so the tree the
/// operator named is never changed.
public final class BoardTreeCopy: Sendable {
    public let root: String

    public init(copying source: String) throws(EnergyError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EnergyError(.write, "board tree \(source) is not a directory")
        }
        root = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-board-\(UUID().uuidString)").path
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

    deinit { try? FileManager.default.removeItem(atPath: root) }
}
