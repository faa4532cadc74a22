/// Why a benchmark could not run or its settings were refused.
public struct BenchError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable { case settings, inference, energy }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
