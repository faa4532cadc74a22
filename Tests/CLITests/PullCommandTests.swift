import FaultServer
import Foundation
import Testing

/// `edgepilot manifest`, `pull` and `models` as a publisher and an operator use them.
@Suite(.serialized) struct PullCommandTests {
    let edgepilot = BuiltBinary("edgepilot")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-pull-\(UUID().uuidString)").path

    /// A signed manifest for one 2 MB blob, published on `server`; returns the blob.
    /// `prefix` is put before every path (an absolute URL's scheme and host, for a proxy's requests).
    func publish(on server: FaultServer, version: Int = 1, prefix: String = "") throws -> Data {
        try FileManager.default.createDirectory(atPath: folder + "/keys", withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: folder + "/publisher.key") {
            let keygen = try edgepilot.run(["manifest", "keygen", "--private", folder + "/publisher.key", "--public", folder + "/keys/publisher.pub"])
            #expect(keygen.status == 0, "\(keygen.stderr)")
        }
        let blob = Data((0..<2_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ version) })
        let digest = sha256(blob)
        let manifest = """
            {"schemaVersion": 1, "name": "big", "version": \(version), "created": "2026-01-01T00:00:00Z", "expires": "2099-01-01T00:00:00Z",
             "task": "test", "inputs": [{"name": "x", "shape": [1, 4], "dtype": "float32"}], "outputs": [{"name": "y", "shape": [1, 3], "dtype": "float32"}],
             "variants": [{"id": "fp32", "precision": "fp32", "url": "blob-v\(version).onnx", "size": \(blob.count), "sha256": "\(digest)"}]}
            """
        try manifest.write(toFile: folder + "/m.json", atomically: true, encoding: .utf8)
        let sign = try edgepilot.run(["manifest", "sign", folder + "/m.json", "--key", folder + "/publisher.key"])
        #expect(sign.status == 0, "\(sign.stderr)")
        server.put(prefix + "/m.json", try Data(contentsOf: URL(fileURLWithPath: folder + "/m.json")))
        server.put(prefix + "/m.json.sig", try Data(contentsOf: URL(fileURLWithPath: folder + "/m.json.sig")))
        server.put(prefix + "/blob-v\(version).onnx", blob)
        return blob
    }

    func sha256(_ data: Data) -> String {
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/hash-me"
        try! data.write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try! process.run()
        process.waitUntilExit()
        return String(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64))
    }

    @Test func signVerifyAndTamperThroughTheCLI() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try FaultServer()
        _ = try publish(on: server)
        let verify = try edgepilot.run(["manifest", "verify", folder + "/m.json", "--keys", folder + "/keys"])
        #expect(verify.status == 0 && verify.stdout.hasPrefix("ok: big v1, signed by key"), "\(verify.stdout)\(verify.stderr)")
        try (try String(contentsOfFile: folder + "/m.json", encoding: .utf8)).replacingOccurrences(of: "\"test\"", with: "\"TEST\"")
            .write(toFile: folder + "/m.json", atomically: true, encoding: .utf8)
        let tampered = try edgepilot.run(["manifest", "verify", folder + "/m.json", "--keys", folder + "/keys"])
        #expect(tampered.status == 1 && tampered.stderr.contains("bad signature"), "\(tampered.stderr)")
        let again = try edgepilot.run(["manifest", "keygen", "--private", folder + "/publisher.key", "--public", folder + "/x.pub"])
        #expect(again.status == 1 && again.stderr.contains("not overwriting"))
    }

    /// `kill -9` in the middle of a (rate-capped) download: nothing is visible as installed, and
    /// the next pull continues from the partial file instead of byte 0.
    @Test func killNineMidDownloadThenPullResumes() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try FaultServer()
        let blob = try publish(on: server)
        let store = folder + "/store"
        let arguments = ["pull", server.url("/m.json").absoluteString, "--keys", folder + "/keys", "--store", store]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: edgepilot.path)
        process.arguments = arguments + ["--limit-rate", "200K"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let partial = store + "/partial/" + sha256(blob)
        for _ in 0..<100 where ((try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0) < 100_000 { usleep(50_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let kept = (try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0
        #expect(kept >= 100_000 && kept < blob.count, "partial file holds \(kept) bytes")
        let listed = try edgepilot.run(["models", "list", "--store", store, "--json"])
        let models = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [Any]
        #expect(listed.status == 0 && models?.isEmpty == true, "nothing is installed: \(listed.stdout)")
        let blobs = FileManager.default.enumerator(atPath: store + "/blobs")?.allObjects as? [String] ?? []
        #expect(blobs.allSatisfy { $0.split(separator: "/").count < 3 }, "no blob is visible: \(blobs)")

        let resumed = try edgepilot.run(arguments)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.hasPrefix("installed big v1 (active)"), "\(resumed.stdout)")
        let ranges = server.requests("/blob-v1.onnx").compactMap(\.range)
        let start = ranges.last.flatMap { Int($0.dropFirst(6).dropLast()) } ?? 0
        #expect(start >= kept - 65_536 && start > 0, "the second pull asked for bytes from \(start) (\(ranges))")
        let show = try edgepilot.run(["models", "show", "big", "--store", store])
        #expect(show.status == 0 && show.stdout.contains("v1 (active)") && !show.stdout.contains("MISSING"), "\(show.stdout)")
        let rollback = try edgepilot.run(["models", "rollback", "big", "--store", store])
        #expect(rollback.status == 1 && rollback.stderr.contains("nothing older than the active v1"), "\(rollback.stderr)")
    }

    /// Proxies come from the environment: a registry host that does not resolve is reached
    /// through `http_proxy` (the fault server stands in for the proxy and sees absolute URLs).
    @Test func pullsGoThroughTheProxyFromTheEnvironment() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let proxy = try FaultServer()
        _ = try publish(on: proxy, prefix: "http://registry.invalid")
        var environment = ProcessInfo.processInfo.environment
        environment["http_proxy"] = "http://127.0.0.1:\(proxy.port)"
        environment["no_proxy"] = ""
        let pulled = try edgepilot.run(["pull", "http://registry.invalid/m.json", "--keys", folder + "/keys", "--store", folder + "/store"],
                                       environment: environment)
        #expect(pulled.status == 0 && pulled.stdout.hasPrefix("installed big v1"), "\(pulled.stdout)\(pulled.stderr)")
        #expect(proxy.requests.map(\.path) == ["http://registry.invalid/m.json", "http://registry.invalid/m.json.sig",
                                               "http://registry.invalid/blob-v1.onnx"])
    }

    /// The example registry through file URLs: `--derive` builds its FP16 and INT8 variants here
    /// (INT8 from the pulled calibration digits), and the built INT8 file runs.
    @Test func deriveBuildsTheDerivableVariantsAndTheyRun() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/keys", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.root + "/examples", toPath: folder + "/site")
        let manifest = folder + "/site/registry/mnist-cntk.json"
        #expect(try edgepilot.run(["manifest", "keygen", "--private", folder + "/k", "--public", folder + "/keys/k.pub"]).status == 0)
        #expect(try edgepilot.run(["manifest", "sign", manifest, "--key", folder + "/k"]).status == 0)
        let store = folder + "/store"
        let pulled = try edgepilot.run(["pull", manifest, "--keys", folder + "/keys", "--store", store, "--derive"])
        #expect(pulled.status == 0, "\(pulled.stderr)")
        #expect(pulled.stdout.contains("variant int8-device int8") && pulled.stdout.contains("(built here from fp32)"), "\(pulled.stdout)")
        #expect(!pulled.stdout.contains("skipped"), "every derivable variant was built: \(pulled.stdout)")
        let path = try edgepilot.run(["models", "path", "mnist-cntk", "int8-device", "--store", store])
        #expect(path.status == 0, "\(path.stderr)")
        let run = try edgepilot.run(["run", path.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "--input",
                                     Repository.root + "/examples/data/mnist-16x1x28x28.f32", "--top", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        let predicted = run.stdout.split(separator: "\n").compactMap { line in line.range(of: "top-1 ").map { line[$0.upperBound...].prefix { $0 != ":" } } }
        #expect(predicted.map(String.init) == "7 2 1 0 4 1 4 9 5 9 0 6 9 0 1 5".split(separator: " ").map(String.init), "\(run.stdout)")
        // Pulling again keeps what was built.
        let again = try edgepilot.run(["pull", manifest, "--keys", folder + "/keys", "--store", store, "--derive"])
        #expect(again.status == 0 && again.stdout.contains("already installed") && again.stdout.contains("int8-device"), "\(again.stdout)")
    }

    @Test func refusalsExitNonZeroWithTheReason() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try FaultServer()
        _ = try publish(on: server)
        server.remove("/m.json.sig")
        let unsigned = try edgepilot.run(["pull", server.url("/m.json").absoluteString, "--keys", folder + "/keys", "--store", folder + "/store"])
        #expect(unsigned.status == 1 && unsigned.stderr.contains("is unsigned"), "\(unsigned.stderr)")
        let noKeys = try edgepilot.run(["pull", server.url("/m.json").absoluteString, "--keys", folder + "/nowhere", "--store", folder + "/store"])
        #expect(noKeys.status == 1 && noKeys.stderr.contains("cannot be read"), "\(noKeys.stderr)")
        let badRate = try edgepilot.run(["pull", "x", "--limit-rate", "fast"])
        #expect(badRate.status != 0 && badRate.stderr.contains("--limit-rate"))
    }
}
