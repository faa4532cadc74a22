/// Why a manifest, a signature, a download or the model store was refused or failed. The
/// message names what and where (the field, the URL, the file); `code` says which check.
public struct RegistryError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case manifest       // malformed or hostile manifest
        case signature      // missing, malformed or bad signature, or an untrusted key
        case expired        // the manifest's `expires` has passed
        case downgrade      // older than what is installed
        case fetch          // the transfer failed after its retries
        case integrity      // size or sha256 differs from the manifest
        case store          // the model store could not be read or written
        case quota          // the store's disk quota would be exceeded
        case notFound       // no such model or version in the store
        case keys           // key files that cannot be read or written
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
