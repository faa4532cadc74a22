/// Encodes every stored property, absent values as JSON `null`, so the documented keys of
/// `edgepilot hw --json` are always present (synthesized Codable would drop nil keys).
/// Decoding stays synthesized.
public protocol ExplicitNullEncodable: Encodable {}

extension ExplicitNullEncodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: PropertyKey.self)
        for child in Mirror(reflecting: self).children {
            guard let label = child.label, let value = child.value as? any Encodable else { continue }
            try container.encode(AnyEncodable(value: value), forKey: PropertyKey(stringValue: label))
        }
    }
}

private struct PropertyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private struct AnyEncodable: Encodable {
    let value: any Encodable
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
