import Foundation
import Testing
@testable import Registry

/// Manifest schema v1: what parses, and every hostile shape refused with a reason that names it.
struct ManifestTests {
    static func document(_ change: (inout [String: Any]) -> Void = { _ in }) -> Data {
        var variant: [String: Any] = ["id": "fp32", "precision": "fp32", "format": "onnx", "url": "models/fp32.onnx", "size": 1234,
                                      "sha256": String(repeating: "ab", count: 32)]
        var document: [String: Any] = [
            "schemaVersion": 1, "name": "mnist-cntk", "version": 3, "created": "2026-01-01T00:00:00Z", "expires": "2099-01-01T00:00:00Z",
            "task": "digits", "inputs": [["name": "Input3", "shape": [1, 1, 28, 28], "dtype": "float32"]],
            "outputs": [["name": "out", "shape": [1, 10], "dtype": "float32"]],
            "variants": [variant, ["id": "int8", "precision": "int8", "derive": ["from": "fp32", "calibration": "calib"]]],
            "data": [["id": "calib", "role": "calibration", "url": "calib.f32", "size": 10, "sha256": String(repeating: "cd", count: 32),
                      "format": "edgepilot-samples"]],
        ]
        variant["id"] = "unused"
        change(&document)
        return try! JSONSerialization.data(withJSONObject: document)
    }

    static func variants(_ document: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
        var list = document["variants"] as! [[String: Any]]
        change(&list[0])
        document["variants"] = list
    }

    @Test func theExampleShapeParses() throws {
        let manifest = try Manifest.parse(Self.document())
        #expect(manifest.name == "mnist-cntk" && manifest.version == 3)
        #expect(manifest.variants.map(\.isDownloadable) == [true, false])
        #expect(manifest.data?.first?.role == .calibration)
    }

    /// Each hostile change to the valid document, by name.
    static func spoil(_ what: String, _ d: inout [String: Any]) {
        switch what {
        case "name traversal": d["name"] = "../../etc"
        case "name with slash": d["name"] = "a/b"
        case "variant id traversal": variants(&d) { $0["id"] = "../x" }
        case "data id traversal": d["data"] = [["id": "..", "role": "calibration", "url": "c", "size": 1, "sha256": String(repeating: "0", count: 64), "format": "edgepilot-samples"]]
        case "absurd size": variants(&d) { $0["size"] = Int64(1) << 60 }
        case "zero size": variants(&d) { $0["size"] = 0 }
        case "negative size": variants(&d) { $0["size"] = -5 }
        case "unknown schema": d["schemaVersion"] = 2
        case "no schema": d["schemaVersion"] = nil
        case "duplicate ids": var v = d["variants"] as! [[String: Any]]; v[1] = v[0]; d["variants"] = v
        case "ftp url": variants(&d) { $0["url"] = "ftp://host/x.onnx" }
        case "javascript url": variants(&d) { $0["url"] = "javascript:alert(1)" }
        case "url with space": variants(&d) { $0["url"] = "a b.onnx" }
        case "bad hex": variants(&d) { $0["sha256"] = String(repeating: "zz", count: 32) }
        case "short hex": variants(&d) { $0["sha256"] = "abcd" }
        case "expired": d["expires"] = "2026-02-01T00:00:00Z"
        case "expires before created": d["expires"] = "2025-01-01T00:00:00Z"
        case "bad timestamp": d["created"] = "yesterday"
        case "zero version": d["version"] = 0
        case "missing url": variants(&d) { $0["url"] = nil }
        case "derive from nothing": var v = d["variants"] as! [[String: Any]]; v[1]["derive"] = ["from": "fp64"]; d["variants"] = v
        case "int8 without calibration": var v = d["variants"] as! [[String: Any]]; v[1]["derive"] = ["from": "fp32"]; d["variants"] = v
        case "unknown precision": variants(&d) { $0["precision"] = "fp8" }
        case "no variants": d["variants"] = [[String: Any]]()
        case "bad dtype": d["inputs"] = [["name": "x", "shape": [1], "dtype": "complex128"]]
        case "bad shape": d["inputs"] = [["name": "x", "shape": [-7], "dtype": "float32"]]
        case "bad requirement": variants(&d) { $0["requires"] = ["isa": ["avx2; rm -rf /"]] }
        default: Issue.record("no such case \(what)")
        }
    }

    @Test(arguments: [
        ("name traversal", "name '../../etc'"),
        ("name with slash", "name 'a/b'"),
        ("variant id traversal", "variant id '../x'"),
        ("data id traversal", "data id '..'"),
        ("absurd size", "size 1152921504606846976"),
        ("zero size", "size 0"),
        ("negative size", "size -5"),
        ("unknown schema", "unknown manifest schemaVersion 2"),
        ("no schema", "no schemaVersion"),
        ("duplicate ids", "duplicate variant id 'fp32'"),
        ("ftp url", "scheme 'ftp'"),
        ("javascript url", "scheme 'javascript'"),
        ("url with space", "without spaces"),
        ("bad hex", "not 64 lowercase hex"),
        ("short hex", "not 64 lowercase hex"),
        ("expired", "expired at 2026-02-01"),
        ("expires before created", "is not after created"),
        ("bad timestamp", "created 'yesterday' is not an ISO 8601"),
        ("zero version", "version 0"),
        ("missing url", "needs url, size and sha256"),
        ("derive from nothing", "derive.from 'fp64'"),
        ("int8 without calibration", "needs derive.calibration"),
        ("unknown precision", "variants[0].precision"),
        ("no variants", "variants: 1 to 64"),
        ("bad dtype", "inputs[0].dtype 'complex128'"),
        ("bad shape", "inputs[0].shape"),
        ("bad requirement", "is not an arch or feature name"),
    ])
    func hostileManifestsAreRefusedWithTheReason(_ what: String, message: String) {
        let bytes = Self.document { Self.spoil(what, &$0) }
        do {
            _ = try Manifest.parse(bytes, now: ISO8601DateFormatter().date(from: "2026-06-01T00:00:00Z")!)
            Issue.record("\(what): accepted")
        } catch let error as RegistryError {
            #expect(error.message.contains(message), "\(what): \(error.message)")
        } catch {
            Issue.record("\(what): \(error)")
        }
    }

    @Test func garbageAndHugeInputsAreRefused() {
        for bytes in [Data(), Data("not json".utf8), Data("[1,2]".utf8), Data(repeating: 0x20, count: Manifest.maxBytes + 1)] {
            #expect(throws: RegistryError.self) { try Manifest.parse(bytes) }
        }
    }

    @Test func relativeURLsResolveAgainstTheManifest() throws {
        let base = URL(string: "https://models.example/registry/mnist.json")!
        #expect(try ManifestURL.resolve("../models/fp32.onnx", against: base).absoluteString == "https://models.example/models/fp32.onnx")
        #expect(try ManifestURL.resolve("http://mirror/x.onnx", against: base).absoluteString == "http://mirror/x.onnx")
        #expect(throws: RegistryError.self) { try ManifestURL.resolve("gopher://x/y", against: base) }
    }

    /// The manifests in examples/registry name the bundled files by their real size and digest.
    @Test func theExampleRegistryMatchesTheBundledFiles() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("examples/registry")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(files.count == 3)
        for file in files {
            let url = folder.appendingPathComponent(file)
            let manifest = try Manifest.parse(try Data(contentsOf: url))
            let blobs = manifest.variants.compactMap { v in v.url.map { ($0, v.size!, v.sha256!) } } + (manifest.data ?? []).map { ($0.url, $0.size, $0.sha256) }
            for (relative, size, sha256) in blobs {
                let data = try Data(contentsOf: try ManifestURL.resolve(relative, against: url))
                #expect(Int64(data.count) == size && TestRegistry.sha256(data) == sha256, "\(file): \(relative)")
            }
        }
    }
}
