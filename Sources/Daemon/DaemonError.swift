/// Why the daemon could not start, reload or do what it was asked. The message names the file,
/// the model or the request; `code` says which part.
public struct DaemonError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case config      // the config file cannot be read or is wrong (file:line:column)
        case startup     // the board, the store or a model could not be set up
        case model       // no such model, or it has nothing to serve yet
        case request     // a bad request (size, format)
        case busy        // the request queue is full
        case socket      // the control socket cannot be made
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
