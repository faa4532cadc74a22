/// Everything the fleet module refuses or fails at, with what and where.
public struct FleetError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case config, encode, transport, store }
    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
