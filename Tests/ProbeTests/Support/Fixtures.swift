import Foundation
import Probe

/// Paths into the source tree: fixture trees are read in place so their symlinks survive
/// (STYLE §6).
enum Fixtures {
    /// The repository root, from this file's path (Tests/ProbeTests/Support/Fixtures.swift).
    static let repository: String = {
        String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(4).joined(separator: "/")
    }()
    static let sys = repository + "/Tests/Fixtures/sys"
    static let golden = repository + "/Tests/Fixtures/hw"
    static let profilesDirectory = repository + "/profiles"
    static let boards = [
        "generic-arm64-hwmon", "jetson-agx-orin", "jetson-nano", "jetson-orin-nano", "jetson-xavier-nx",
        "raspberry-pi-5", "x86-rapl",
    ]

    static func profiles() throws -> [BoardProfile] {
        try ProfileLoader.load(directory: profilesDirectory)
    }

    static func probe(root: String, reader: any FileSystemReading = PosixFileReader(),
                      commands: (any CommandRunning)? = nil) throws -> HardwareInfo {
        try HardwareProbe.probe(.init(root: root, profiles: profiles(), reader: reader, commands: commands))
    }

    static func board(_ name: String) -> String { sys + "/" + name }
}
