/// Why an energy source, the sampler or the simulated rail could not do what was asked. Reads
/// that fail mid-run are not thrown at the sampler's caller: they flag the window.
public struct EnergyError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// A rail file could not be read (errno given) or held no number.
        case read
        /// A rail Probe found that this module cannot sample (e.g. `vcgencmd` rails).
        case unsupported
        /// A sampling rate or window the sensor cannot honour.
        case rate
        /// The simulated rail could not write its tree.
        case write
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
