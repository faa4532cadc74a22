import Crypto
import Foundation
import Testing
@testable import Registry

/// Signatures over the exact manifest bytes, by keys in the trusted directory only.
struct TrustTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-trust-\(UUID().uuidString)").path

    func keys() throws -> (TrustedKeys, Curve25519.Signing.PrivateKey) {
        try FileManager.default.createDirectory(atPath: folder + "/keys", withIntermediateDirectories: true)
        let id = try SigningKey.generate(privatePath: folder + "/a.key", publicPath: folder + "/keys/a.pub")
        _ = try SigningKey.generate(privatePath: folder + "/b.key", publicPath: folder + "/keys/b.pub")  // a second, rotated-in key
        let trusted = try TrustedKeys(directory: folder + "/keys")
        #expect(trusted.ids.contains(id) && trusted.ids.count == 2)
        return (trusted, try SigningKey.loadPrivate(folder + "/a.key"))
    }

    @Test func aSignatureVerifiesAndAnyChangeBreaksIt() throws {
        let (trusted, key) = try keys()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = Data("{\"schemaVersion\":1}".utf8)
        let signature = Data(try SigningKey.sign(manifest, with: key).utf8)
        #expect(try trusted.verify(manifest: manifest, signature: signature, source: "m.json") == SigningKey.keyID(key.publicKey))
        var tampered = manifest
        tampered[5] ^= 1
        #expect(throws: RegistryError(.signature, "m.json: bad signature by key \(SigningKey.keyID(key.publicKey)) (the manifest was changed after signing, or the signature is corrupt)")) {
            try trusted.verify(manifest: tampered, signature: signature, source: "m.json")
        }
        #expect(throws: RegistryError(.signature, "m.json is unsigned (no m.json.sig); refusing it")) {
            try trusted.verify(manifest: manifest, signature: nil, source: "m.json")
        }
        let stranger = Curve25519.Signing.PrivateKey()
        do {
            _ = try trusted.verify(manifest: manifest, signature: Data(try SigningKey.sign(manifest, with: stranger).utf8), source: "m.json")
            Issue.record("an untrusted key was accepted")
        } catch let error as RegistryError {
            #expect(error.code == .signature && error.message.contains("\(SigningKey.keyID(stranger.publicKey)), which is not trusted"))
        }
        for garbage in ["", "edgepilot-ed25519-signature", "edgepilot-ed25519-signature 0123456789abcdef AAAA", String(repeating: "x", count: 5000)] {
            #expect(throws: RegistryError.self) { try trusted.verify(manifest: manifest, signature: Data(garbage.utf8), source: "m.json") }
        }
    }

    @Test func keygenNeverOverwritesAndKeysMustBeWellFormed() throws {
        _ = try keys()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: RegistryError.self) { try SigningKey.generate(privatePath: folder + "/a.key", publicPath: folder + "/new.pub") }
        let mode = (try FileManager.default.attributesOfItem(atPath: folder + "/a.key")[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600)
        try "edgepilot-ed25519-public bm90IGEga2V5\n".write(toFile: folder + "/keys/bad.pub", atomically: true, encoding: .utf8)
        #expect(throws: RegistryError.self) { try TrustedKeys(directory: folder + "/keys") }
        #expect(throws: RegistryError.self) { try TrustedKeys(directory: folder + "/none") }
    }
}
