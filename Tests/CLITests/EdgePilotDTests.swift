import Foundation
import Testing

/// The built `edgepilotd` as systemd runs it, talked to only through its socket: READY and
/// WATCHDOG on a notify socket, decisions under a budget, switches under load, a full queue,
/// bad requests, another user, SIGHUP with a broken config, SIGTERM.
@Suite(.serialized) struct EdgePilotDTests {
    let edgepilot = BuiltBinary("edgepilot")
    static let digit = Repository.root + "/examples/data/mnist-16x1x28x28.f32"

    static func firstDigit(in directory: String) throws -> String {
        let path = directory + "/digit.f32"
        try Data(try Data(contentsOf: URL(fileURLWithPath: digit)).prefix(3136)).write(to: URL(fileURLWithPath: path))
        return path
    }

    func cli(_ daemon: RunningDaemon, _ arguments: [String]) throws -> BuiltBinary.Result {
        try edgepilot.run(arguments + ["--socket", daemon.socket])
    }

    @Test func servesChoosesUnderTheBudgetReloadsAndStops() throws {
        let daemon = try RunningDaemon()
        try #require(daemon.waitUntilReady(), "no READY=1:\n\(daemon.output)")
        #expect(daemon.notify.wait(for: "WATCHDOG=1", seconds: 3), "\(daemon.notify.messages)")
        #expect(daemon.notify.messages.contains { $0.hasPrefix("STATUS=mnist: ") })
        let status = try cli(daemon, ["status", "--json"])
        let report = try #require(JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any], "\(status.stderr)")
        let model = try #require((report["models"] as? [[String: Any]])?.first)
        #expect(model["phase"] as? String == "serving" && model["candidates"] as? Int == 2 && model["active"] is String, "\(model)")
        #expect((report["energySource"] as? String)?.hasPrefix("simulated") == true)
        let infer = try cli(daemon, ["infer", "mnist", "--input", try Self.firstDigit(in: daemon.directory)])
        #expect(infer.status == 0 && infer.stdout.contains("largest at 7"), "\(infer.stdout)\(infer.stderr)")

        // A budget nothing meets: the decision says so and is stored with its reason.
        #expect(try cli(daemon, ["budget", "set", "3.2"]).status == 0)
        var stored: [[String: Any]] = []
        for _ in 0..<40 where !stored.contains(where: { $0["budgetWatts"] as? Double == 3.2 }) {
            usleep(100_000)
            stored = (try JSONSerialization.jsonObject(with: Data(try cli(daemon, ["decisions", "--json"]).stdout.utf8)) as? [[String: Any]]) ?? []
        }
        let low = try #require(stored.first { $0["budgetWatts"] as? Double == 3.2 }, "\(stored)")
        #expect(low["code"] as? String == "nothingFits" && (low["reason"] as? String)?.contains("over the 3.20 W budget") == true)
        #expect(try cli(daemon, ["budget", "clear"]).stdout.contains("\"watts\":9"))

        // SIGHUP: a broken config is refused with its place and the one in force stays; a good one applies.
        let good = try String(contentsOfFile: daemon.configPath, encoding: .utf8)
        try "budget: [\nmodels: 3\n".write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        #expect(eventually { daemon.output.contains("config.yaml:3:1: YAML syntax") && daemon.output.contains("the config in force stays") }, "\(daemon.output)")
        #expect(try daemon.curl(["http://d/v1/status"]).body.contains("\"budgetWatts\" : 9"))
        try good.replacingOccurrences(of: "budget: 9.0", with: "budget: 6.5").write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        #expect(eventually { (try? daemon.curl(["http://d/v1/status"]).body.contains("\"budgetWatts\" : 6.5")) == true })

        let stopped = daemon.stop()
        #expect(stopped.status == 0 && stopped.seconds < 10, "exit \(stopped.status) after \(stopped.seconds) s")
        #expect(!FileManager.default.fileExists(atPath: daemon.socket) && daemon.notify.wait(for: "STOPPING=1", seconds: 1))
    }

    /// 20 switches (pins alternating between two candidates) while a client keeps sending
    /// requests: every request succeeds.
    @Test func twentySwitchesUnderLoadFailNoRequest() throws {
        let daemon = try RunningDaemon()
        try #require(daemon.waitUntilReady(), "no READY=1:\n\(daemon.output)")
        let input = try Self.firstDigit(in: daemon.directory)
        let load = Load()
        let client = Thread {
            while !load.stopped {
                let result = try? daemon.curl(["-X", "POST", "--data-binary", "@" + input, "http://d/v1/models/mnist/infer"])
                load.record(ok: result?.status == 200)
            }
            load.finish()
        }
        client.start()
        var switched = 0
        for index in 0..<20 {
            let target = index % 2 == 0 ? "fp16 ×1 @15W" : "fp32 ×1 @15W"
            let pin = try daemon.curl(["-X", "POST", "-d", "{\"candidate\": \"\(target)\"}", "http://d/v1/models/mnist/pin"])
            #expect(pin.status == 200, "\(pin.body)")
            if eventually(seconds: 3, { (try? daemon.curl(["http://d/v1/status"]).body.contains("\"active\" : \"\(target)\"")) == true }) { switched += 1 }
        }
        load.stop()
        #expect(switched == 20)
        #expect(load.failed == 0 && load.succeeded >= 20, "\(load.succeeded) succeeded, \(load.failed) failed")
    }

    /// A queue limit of one and a burst of concurrent requests on SqueezeNet: some are refused
    /// at once with 503 and Retry-After, the rest served.
    @Test func aFullQueueAnswers503WithRetryAfter() throws {
        let daemon = try RunningDaemon(extra: "queueLimit: 1", models: """
              - name: squeezenet
                files: [\(Repository.root)/examples/models/squeezenet1.1/fp32.onnx]
            """)
        try #require(daemon.waitUntilReady(), "no READY=1:\n\(daemon.output)")
        let input = daemon.directory + "/image.f32"
        try Data(count: 3 * 224 * 224 * 4).write(to: URL(fileURLWithPath: input))
        let clients = (0..<12).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-s", "-D", "-", "-o", "/dev/null", "--unix-socket", daemon.socket, "-X", "POST", "--data-binary", "@" + input,
                                 "http://d/v1/models/squeezenet/infer"]
            let pipe = Pipe()
            process.standardOutput = pipe
            return (process, pipe)
        }
        for (process, _) in clients { try process.run() }
        let headers = clients.map { process, pipe in
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        #expect(headers.contains { $0.hasPrefix("HTTP/1.1 200") }, "\(headers)")
        let refused = headers.filter { $0.hasPrefix("HTTP/1.1 503") }
        #expect(!refused.isEmpty && refused.allSatisfy { $0.lowercased().contains("retry-after: 1") }, "\(headers)")
    }

    /// Bad requests get 4xx with a JSON reason, another user is refused, and the daemon serves on.
    @Test func badRequestsAndOtherUsersAreRefusedAndServingGoesOn() throws {
        let daemon = try RunningDaemon()
        try #require(daemon.waitUntilReady(), "no READY=1:\n\(daemon.output)")
        let input = try Self.firstDigit(in: daemon.directory)
        let cases: [([String], Int, String)] = [
            (["-X", "POST", "--data-binary", "1234", "http://d/v1/models/mnist/infer"], 400, "the input is 4 bytes"),
            (["-X", "POST", "-H", "Content-Type: application/json", "-d", "{\"input\": [1, 2]}", "http://d/v1/models/mnist/infer"], 400, "8 bytes"),
            (["-X", "POST", "-H", "Content-Type: application/json", "-d", "{\"input\": ", "http://d/v1/models/mnist/infer"], 400, "not the JSON"),
            (["-X", "POST", "--data-binary", "@" + input, "http://d/v1/models/nope/infer"], 404, "no model 'nope'"),
            (["-X", "PUT", "-d", "{\"watts\": \"lots\"}", "http://d/v1/budget"], 400, "not the JSON"),
            (["-X", "PUT", "-d", "{\"watts\": 0}", "http://d/v1/budget"], 400, "positive number"),
            (["-X", "POST", "-d", "{\"candidate\": \"int4 ×9\"}", "http://d/v1/models/mnist/pin"], 400, "no candidate 'int4 ×9'"),
            (["http://d/v1/decisions?limit=0"], 400, "limit"),
            (["http://d/v1/nothing"], 404, "error"),
        ]
        for (arguments, status, words) in cases {
            let result = try daemon.curl(arguments)
            #expect(result.status == status && result.body.contains(words), "\(arguments): \(result.status) \(result.body)")
        }
        let huge = try daemon.curl(["-H", "X-Big: " + String(repeating: "a", count: 100_000), "http://d/v1/status"])
        #expect((400..<500).contains(huge.status) || huge.status == 0, "\(huge.status)")
        // Another user: the socket is made reachable on purpose; SO_PEERCRED still refuses uid 65534.
        chmod(daemon.directory, 0o755)
        chmod(daemon.directory + "/run", 0o755)
        chmod(daemon.socket, 0o666)
        let nobody = try Shell.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/curl", "-s", "-w", "\n%{http_code}",
                                                        "--unix-socket", daemon.socket, "http://d/v1/status"])
        #expect(nobody.stdout.hasSuffix("403") && nobody.stdout.contains("uid 65534"), "\(nobody.stdout)\(nobody.stderr)")
        let still = try daemon.curl(["-X", "POST", "--data-binary", "@" + input, "http://d/v1/models/mnist/infer"])
        #expect(still.status == 200)
    }

    /// A model pulled from a signed manifest (file URLs): a new version that is no worse is
    /// promoted; one whose best candidate is far slower (SqueezeNet published as v3) is refused,
    /// stays inactive in the store, and the refusal is stored with its numbers.
    @Test func aNewVersionServesOnlyIfItIsNoWorse() throws {
        let registry = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-registry-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: registry) }
        for folder in ["registry", "keys"] { try FileManager.default.createDirectory(atPath: registry + "/" + folder, withIntermediateDirectories: true) }
        for folder in ["models", "data"] { try FileManager.default.createSymbolicLink(atPath: registry + "/" + folder, withDestinationPath: Repository.root + "/examples/" + folder) }
        #expect(try edgepilot.run(["manifest", "keygen", "--private", registry + "/k", "--public", registry + "/keys/k.pub"]).status == 0)
        let manifest = registry + "/registry/mnist-cntk.json"
        func publish(_ edit: (inout [String: Any]) -> Void) throws {
            var document = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Repository.root + "/examples/registry/mnist-cntk.json"))) as? [String: Any])
            edit(&document)
            try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: manifest))
            #expect(try edgepilot.run(["manifest", "sign", manifest, "--key", registry + "/k"]).status == 0)
        }
        try publish { _ in }
        let daemon = try RunningDaemon(extra: """
            registry:
              keys: \(registry)/keys
              pullIntervalSeconds: 0.5
              pullJitterSeconds: 0
              margins: {p99IncreasePercent: 300, energyIncreasePercent: 300}
            """, models: """
              - name: mnist
                manifest: file://\(manifest)
            """)
        try #require(daemon.waitUntilReady(), "no READY=1:\n\(daemon.output)")
        #expect(try daemon.curl(["http://d/v1/status"]).body.contains("\"version\" : 1"))
        try publish { $0["version"] = 2 }
        #expect(eventually(seconds: 60) { (try? daemon.curl(["http://d/v1/status"]).body.contains("\"version\" : 2")) == true }, "\(daemon.output)")
        let squeezenet = try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/examples/models/squeezenet1.1/fp32.onnx"))
        let digest = try Shell.run("/usr/bin/sha256sum", [Repository.root + "/examples/models/squeezenet1.1/fp32.onnx"]).stdout.prefix(64)
        try publish { document in
            document["version"] = 3
            document["variants"] = [["id": "fp32", "precision": "fp32", "format": "onnx", "url": "../models/squeezenet1.1/fp32.onnx",
                                     "size": squeezenet.count, "sha256": String(digest)]]
            document["data"] = nil
        }
        var refusal: [String: Any]?
        _ = eventually(seconds: 60) {
            let decisions = (try? JSONSerialization.jsonObject(with: Data(daemon.curl(["http://d/v1/decisions"]).body.utf8))) as? [[String: Any]]
            refusal = decisions?.first { $0["code"] as? String == "rolledBack" }
            return refusal != nil
        }
        let reason = try #require(refusal?["reason"] as? String, "\(daemon.output)")
        #expect(reason.hasPrefix("v3 refused, v2 stays active") && reason.contains("slower"), "\(reason)")
        #expect(try daemon.curl(["http://d/v1/status"]).body.contains("\"version\" : 2"))
        let store = try edgepilot.run(["models", "list", "--store", daemon.directory + "/state/models"])
        #expect(store.stdout.contains("*v2") && store.stdout.contains("v3"), "\(store.stdout)")
        #expect(try daemon.curl(["-X", "POST", "--data-binary", "@" + (try Self.firstDigit(in: daemon.directory)),
                                 "http://d/v1/models/mnist/infer"]).status == 200)
    }

    /// The unit in systemd/ passes `systemd-analyze verify` (with ExecStart on the built binary).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze"), "systemd-analyze is not installed"))
    func theUnitVerifies() throws {
        let unit = try String(contentsOfFile: Repository.root + "/systemd/edgepilotd.service", encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/bin/edgepilotd", with: BuiltBinary("edgepilotd").path)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilotd-\(UUID().uuidString.prefix(6)).service").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try unit.write(toFile: path, atomically: true, encoding: .utf8)
        let verify = try Shell.run("/usr/bin/systemd-analyze", ["verify", path])
        #expect(verify.status == 0 && verify.stderr.isEmpty, "\(verify.stderr)")
        #expect(unit.contains("Type=notify") && unit.contains("WatchdogSec=") && unit.contains("ProtectSystem=strict"))
    }

    /// A client's tally, shared with its thread.
    final class Load: @unchecked Sendable {
        private let lock = NSLock()
        private var ok = 0, bad = 0, stopFlag = false
        private let done = DispatchSemaphore(value: 0)
        var stopped: Bool { lock.withLock { stopFlag } }
        var succeeded: Int { lock.withLock { ok } }
        var failed: Int { lock.withLock { bad } }
        func record(ok success: Bool) { lock.withLock { if success { ok += 1 } else { bad += 1 } } }
        func finish() { done.signal() }
        func stop() {
            lock.withLock { stopFlag = true }
            done.wait()
        }
    }
}
