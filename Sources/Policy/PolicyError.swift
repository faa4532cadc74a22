/// Why the policy could not decide: no candidates, none allowed, or inputs that are not numbers
/// it can use. The message names the value.
public struct PolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case noCandidates   // nothing measured, or nothing allowed
        case input          // a constraint or observation out of range
        case table          // a variants table that cannot be read (the simulator's input)
        case trace          // a trace that cannot be read
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
