/// Why a probe could not run at all. Everything short of this is partial data recorded in
/// ``HardwareInfo/unreadable``, not an error.
public struct ProbeError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case rootNotFound
        case rootNotDirectory
        case profiles
    }

    public var code: Code
    public var message: String

    public var description: String { message }

    public static func rootNotFound(_ root: String) -> ProbeError {
        ProbeError(code: .rootNotFound, message: "root '\(root)' does not exist")
    }

    public static func rootNotDirectory(_ root: String) -> ProbeError {
        ProbeError(code: .rootNotDirectory, message: "root '\(root)' is not a directory")
    }

    public static func profiles(_ error: YAMLFileError) -> ProbeError {
        ProbeError(code: .profiles, message: "bad profile: \(error)")
    }
}
