/// A YAML file EdgePilot reads — a board profile, the daemon's config — that cannot be used, with
/// the file, line, column and what is wrong: a typo in profiles/ fails CI, and a bad config at
/// SIGHUP is refused, with a message that points at it.
public struct YAMLFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        let place = [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return "\(place): \(message)"
    }
}
