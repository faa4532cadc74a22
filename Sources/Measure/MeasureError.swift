/// Why a measurement could not be set up, made or stored. The message names the option, the
/// board tree, the model or the database; `code` says which step.
public struct MeasureError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case settings   // bad protocol settings or a bad simulated-power trace
        case energy     // the energy source cannot be set up as asked
        case variant    // a model or variant could not be loaded, built, compiled or evaluated
        case store      // the results database refused the run
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
