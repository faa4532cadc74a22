import ArgumentParser
import Foundation
import Probe
import Registry

/// Where models and trusted keys live unless the command line says otherwise.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Model store directory.",
        discussion: "Default: $EDGEPILOT_STORE, else /var/lib/edgepilot/models as root, else $XDG_DATA_HOME/edgepilot/models.",
        valueName: "dir"))
    var store: String?

    var path: String {
        if let store { return store }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["EDGEPILOT_STORE"], !path.isEmpty { return path }
        if getuid() == 0 { return "/var/lib/edgepilot/models" }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return data + "/edgepilot/models"
    }

    func open() throws -> ModelStore { try registry { try ModelStore(root: path) } }
}

/// Registry errors become `Error: …` with exit status 1, like every command's.
func registry<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as RegistryError { throw CLIError(error.message) }
}

enum RegistryCLI {
    static var defaultKeys: String {
        ProcessInfo.processInfo.environment["EDGEPILOT_KEYS"].flatMap { $0.isEmpty ? nil : $0 } ?? "/etc/edgepilot/keys"
    }

    /// A URL, or a local path (made a file URL).
    static func url(_ text: String) throws -> URL {
        if text.contains("://") {
            guard let url = URL(string: text) else { throw ValidationError("'\(text)' is not a URL") }
            return url
        }
        return URL(fileURLWithPath: text).standardizedFileURL
    }

    /// `500K`, `2M`, `1G` (bytes per second, powers of 1024) or a plain number of bytes.
    static func bytes(_ text: String) -> Int64? {
        let units: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        let upper = text.uppercased()
        if let last = upper.last, let unit = units[last] { return Double(upper.dropLast()).map { Int64($0 * Double(unit)) } }
        return Int64(upper)
    }

}
