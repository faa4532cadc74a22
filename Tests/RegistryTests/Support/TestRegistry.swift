import Crypto
import FaultServer
import Foundation
@testable import Registry

/// A signed registry on a FaultServer plus a store and a trusted-keys directory in a temp folder.
final class TestRegistry: @unchecked Sendable {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-registry-\(UUID().uuidString)").path
    let server: FaultServer
    let key = Curve25519.Signing.PrivateKey()
    var keysDirectory: String { folder + "/keys" }
    var storeDirectory: String { folder + "/store" }

    init() throws {
        server = try FaultServer()
        try FileManager.default.createDirectory(atPath: keysDirectory, withIntermediateDirectories: true)
        try "edgepilot-ed25519-public \(key.publicKey.rawRepresentation.base64EncodedString())\n"
            .write(toFile: keysDirectory + "/publisher.pub", atomically: true, encoding: .utf8)
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Deterministic bytes standing in for a model file.
    static func blob(_ seed: UInt8, size: Int) -> Data { Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }) }

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    /// A manifest document with one downloadable variant per blob (served at /blobs/ID).
    func manifest(name: String = "demo", version: Int, blobs: [(id: String, data: Data)], expires: String = "2099-01-01T00:00:00Z",
                  extra: (inout [String: Any]) -> Void = { _ in }) -> [String: Any] {
        var document: [String: Any] = [
            "schemaVersion": 1, "name": name, "version": version, "created": "2026-01-01T00:00:00Z", "expires": expires,
            "task": "image-classification",
            "inputs": [["name": "x", "shape": [1, 3, 8, 8], "dtype": "float32"]],
            "outputs": [["name": "y", "shape": [1, 10], "dtype": "float32"]],
            "variants": blobs.map { blob in
                ["id": blob.id, "precision": "fp32", "format": "onnx", "url": "blobs/\(name)-v\(version)-\(blob.id)", "size": blob.data.count,
                 "sha256": Self.sha256(blob.data)] as [String: Any]
            },
        ]
        extra(&document)
        return document
    }

    /// Serves the document (signed unless `sign` is false) and its blobs; returns the manifest URL.
    @discardableResult
    func publish(_ document: [String: Any], blobs: [(id: String, data: Data)], path: String = "/m.json", sign: Bool = true,
                 signer: Curve25519.Signing.PrivateKey? = nil) throws -> URL {
        let bytes = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        server.put(path, bytes)
        if sign { server.put(path + ".sig", Data(try SigningKey.sign(bytes, with: signer ?? key).utf8)) } else { server.remove(path + ".sig") }
        let name = document["name"] as! String, version = document["version"] as! Int
        for blob in blobs { server.put("/blobs/\(name)-v\(version)-\(blob.id)", blob.data) }
        return server.url(path)
    }

    func puller(attempts: Int = 4, device: DeviceCapabilities = .init(arch: "x86_64", features: ["avx2"], memoryBytes: 1 << 30),
                configure: (inout FetchSettings) -> Void = { _ in }) throws -> Puller {
        var settings = FetchSettings()
        settings.attempts = attempts
        settings.baseDelaySeconds = 0.01
        settings.maxDelaySeconds = 0.05
        settings.lowSpeedSeconds = 2
        configure(&settings)
        return Puller(fetcher: Fetcher(settings: settings), store: try ModelStore(root: storeDirectory),
                      keys: try TrustedKeys(directory: keysDirectory), device: device)
    }

    /// Paths of every file under the store's blobs/ folder.
    func visibleBlobs() -> [String] {
        (FileManager.default.enumerator(atPath: storeDirectory + "/blobs")?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix("sha256") && $0.split(separator: "/").count == 3 }
    }
}
