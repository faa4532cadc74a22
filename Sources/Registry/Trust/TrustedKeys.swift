import Crypto
import Foundation

/// The publishers this device trusts: every `*.pub` file of one directory (several keys, so a
/// publisher can rotate). A manifest is accepted only with a valid signature by one of them.
public struct TrustedKeys: Sendable {
    public var directory: String
    var keys: [String: Curve25519.Signing.PublicKey]

    public var ids: [String] { keys.keys.sorted() }

    public init(directory: String) throws {
        self.directory = directory
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw RegistryError(.keys, "trusted keys directory \(directory) cannot be read")
        }
        var keys: [String: Curve25519.Signing.PublicKey] = [:]
        for name in names.sorted() where name.hasSuffix(".pub") {
            let key = try SigningKey.loadPublic(directory + "/" + name)
            keys[SigningKey.keyID(key)] = key
        }
        guard !keys.isEmpty else { throw RegistryError(.keys, "trusted keys directory \(directory) holds no *.pub key") }
        self.keys = keys
    }

    /// Checks `signature` (a `.sig` file's bytes, or nil when there is none) over the exact
    /// `manifest` bytes; returns the signing key's id.
    public func verify(manifest: Data, signature: Data?, source: String) throws -> String {
        guard let signature else { throw RegistryError(.signature, "\(source) is unsigned (no \(source).sig); refusing it") }
        let parsed = try SigningKey.parseSignature(signature, source: source + ".sig")
        guard let key = keys[parsed.keyID] else {
            throw RegistryError(.signature, "\(source) is signed by key \(parsed.keyID), which is not trusted (keys in \(directory): \(ids.joined(separator: ", ")))")
        }
        guard key.isValidSignature(parsed.signature, for: manifest) else {
            throw RegistryError(.signature, "\(source): bad signature by key \(parsed.keyID) (the manifest was changed after signing, or the signature is corrupt)")
        }
        return parsed.keyID
    }
}
