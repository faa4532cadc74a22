/// Why a model file, a sample or eval file, a variant build or the kernel choice failed. The
/// message names the file, the variant or the option; `code` says which step.
public struct VariantsError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case load       // the model file cannot be read or is not a model we can compile
        case samples    // sample, calibration or eval files that do not fit the model
        case build      // building an FP16 / INT8 variant failed
        case isa        // the requested kernel level is not available here
        case export     // writing a variant failed
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
