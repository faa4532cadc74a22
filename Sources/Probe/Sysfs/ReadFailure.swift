import Glibc

/// Why one file could not be read. A failure is data: the probe records it with its path and
/// keeps going (BOARDS.md §0 rule 4: EAGAIN, ENODATA and EACCES on files that exist are
/// "sensor unavailable now", never fatal).
public struct ReadFailure: Error, Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        /// The file does not exist (ENOENT, ENOTDIR).
        case missing
        /// EACCES/EPERM: e.g. RAPL `energy_uj` is root-only since Linux 5.10 (CVE-2020-8694).
        case permissionDenied
        /// EAGAIN: e.g. Orin cv*-thermal while the CV cluster is power-gated.
        case busy
        /// ENODATA: e.g. a disabled INA3221 channel.
        case noData
        /// Any other errno.
        case ioError
        /// The file was read but its content is not what the attribute holds.
        case badValue
    }

    public var kind: Kind
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// Maps an errno from open(2)/read(2) to a failure with a reason a person can act on.
    public static func errno(_ code: Int32) -> ReadFailure {
        switch code {
        case ENOENT, ENOTDIR: ReadFailure(.missing, "no such file")
        case EACCES, EPERM: ReadFailure(.permissionDenied, "permission denied (EACCES); needs root")
        case EAGAIN: ReadFailure(.busy, "sensor unavailable now (EAGAIN; power-gated or busy)")
        case ENODATA: ReadFailure(.noData, "no data (ENODATA; channel disabled)")
        default: ReadFailure(.ioError, "read error: \(String(cString: strerror(code))) (errno \(code))")
        }
    }
}
