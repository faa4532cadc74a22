import Crypto
import Foundation

/// Ed25519 keys and detached signatures in one-line text files:
/// `edgepilot-ed25519-public BASE64`, `edgepilot-ed25519-private BASE64` (the 32-byte seed,
/// written mode 0600) and `edgepilot-ed25519-signature KEYID BASE64` (beside the manifest, `.sig`).
/// A key id is the first 16 hex digits of SHA-256 of the raw public key.
public enum SigningKey {
    static let publicTag = "edgepilot-ed25519-public"
    static let privateTag = "edgepilot-ed25519-private"
    static let signatureTag = "edgepilot-ed25519-signature"

    public static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
        String(RunningDigest.hex(of: key.rawRepresentation).prefix(16))
    }

    /// Writes a new key pair; refuses to overwrite either file.
    public static func generate(privatePath: String, publicPath: String) throws -> String {
        for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw RegistryError(.keys, "\(path) exists; not overwriting a key")
        }
        let key = Curve25519.Signing.PrivateKey()
        try writeKey("\(privateTag) \(key.rawRepresentation.base64EncodedString())\n", to: privatePath, mode: 0o600)
        try writeKey("\(publicTag) \(key.publicKey.rawRepresentation.base64EncodedString())\n", to: publicPath, mode: 0o644)
        return keyID(key.publicKey)
    }

    public static func loadPrivate(_ path: String) throws -> Curve25519.Signing.PrivateKey {
        let raw = try field(path, tag: privateTag, bytes: 32)
        do { return try Curve25519.Signing.PrivateKey(rawRepresentation: raw) } catch {
            throw RegistryError(.keys, "\(path): not an Ed25519 private key")
        }
    }

    public static func loadPublic(_ path: String) throws -> Curve25519.Signing.PublicKey {
        let raw = try field(path, tag: publicTag, bytes: 32)
        do { return try Curve25519.Signing.PublicKey(rawRepresentation: raw) } catch {
            throw RegistryError(.keys, "\(path): not an Ed25519 public key")
        }
    }

    /// The signature file's text for `bytes`.
    public static func sign(_ bytes: Data, with key: Curve25519.Signing.PrivateKey) throws -> String {
        let signature = try key.signature(for: bytes)
        return "\(signatureTag) \(keyID(key.publicKey)) \(signature.base64EncodedString())\n"
    }

    /// (key id, signature bytes) from a signature file's text; `source` names it in errors.
    static func parseSignature(_ text: Data, source: String) throws -> (keyID: String, signature: Data) {
        let words = String(decoding: text.prefix(1024), as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard words.count == 3, words[0] == signatureTag, words[1].count == 16, words[1].allSatisfy(\.isHexDigit),
              let signature = Data(base64Encoded: String(words[2])), signature.count == 64 else {
            throw RegistryError(.signature, "\(source): not an EdgePilot signature ('\(signatureTag) KEYID BASE64', 64-byte Ed25519)")
        }
        return (String(words[1]).lowercased(), signature)
    }

    private static func field(_ path: String, tag: String, bytes: Int) throws -> Data {
        guard let text = FileManager.default.contents(atPath: path) else { throw RegistryError(.keys, "cannot read \(path)") }
        let words = String(decoding: text.prefix(4096), as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard words.count == 2, words[0] == tag, let raw = Data(base64Encoded: String(words[1])), raw.count == bytes else {
            throw RegistryError(.keys, "\(path): expected one line '\(tag) BASE64' holding \(bytes) bytes")
        }
        return raw
    }

    private static func writeKey(_ text: String, to path: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw RegistryError(.keys, "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let ok = text.utf8CString.withUnsafeBufferPointer { Foundation.write(fd, $0.baseAddress, $0.count - 1) == $0.count - 1 }
        guard ok, fsync(fd) == 0 else { throw RegistryError(.keys, "cannot write \(path): \(String(cString: strerror(errno)))") }
    }
}
