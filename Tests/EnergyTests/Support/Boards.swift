import Foundation
import Probe

/// The fixture board trees (read in place) and throw-away copies for tests that write.
enum Boards {
    static let repository: String = {
        String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(4).joined(separator: "/")
    }()

    static func root(_ board: String) -> String { repository + "/Tests/Fixtures/sys/" + board }

    static func probe(_ root: String) throws -> HardwareInfo {
        let profiles = try ProfileLoader.load(directory: repository + "/profiles")
        return try HardwareProbe.probe(.init(root: root, profiles: profiles))
    }

    /// A copy of a board tree (symlinks kept), removed when the value goes away.
    final class Copy {
        let root: String

        init(_ board: String) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-energy-\(UUID().uuidString)").path
            let cp = Process()
            cp.executableURL = URL(fileURLWithPath: "/bin/cp")
            cp.arguments = ["-a", Boards.root(board), root]
            try cp.run()
            cp.waitUntilExit()
            guard cp.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func write(_ relative: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + relative))
        }
    }
}
