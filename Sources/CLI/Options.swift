import ArgumentParser
import Foundation
import Probe

/// Where board profiles come from; shared by every command that identifies the board.
struct ProfileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Directory of board profiles (*.yaml).",
        discussion: "Default: $EDGEPILOT_PROFILES, ../share/edgepilot/profiles beside the executable, /etc/edgepilot/profiles, /usr/share/edgepilot/profiles, then the source tree.",
        valueName: "dir"))
    var profiles: String?

    func directory() throws -> String { try Self.locate(explicit: profiles) }

    static func locate(explicit: String?) throws -> String {
        if let explicit { return explicit }
        let candidates = ProfileLoader.defaultDirectories(
            executablePath: Bundle.main.executablePath, environment: ProcessInfo.processInfo.environment)
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw ValidationError("no profiles directory found (looked in: \(candidates.joined(separator: ", "))); pass --profiles DIR")
        }
        return found
    }

    /// The board under `root`, identified with these profiles.
    func probe(root: String) throws -> HardwareInfo {
        let profiles = try load()
        do {
            return try HardwareProbe.probe(.init(root: root, profiles: profiles))
        } catch {
            throw CLIError(error.message)
        }
    }

    func load() throws -> [BoardProfile] {
        let directory = try directory()
        do {
            return try ProfileLoader.load(directory: directory)
        } catch {
            throw CLIError("bad profile: \(error)")
        }
    }
}

/// An error printed as `Error: <message>` with exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
