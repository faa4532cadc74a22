import Energy
import Foundation
import Probe

/// The fixture board trees (read in place) and throw-away copies for tests that write.
enum Boards {
    static let repository: String = {
        String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(4).joined(separator: "/")
    }()

    static func root(_ board: String) -> String { repository + "/Tests/Fixtures/sys/" + board }

    static func probe(_ root: String) throws -> HardwareInfo {
        try HardwareProbe.probe(.init(root: root, profiles: try ProfileLoader.load(directory: repository + "/profiles")))
    }

    static func copy(_ board: String) throws -> BoardTreeCopy { try BoardTreeCopy(copying: root(board)) }
}

extension BoardTreeCopy {
    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + relative))
    }
}
