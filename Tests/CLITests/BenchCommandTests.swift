import Foundation
import Testing

/// `edgepilot bench` and `results` as an operator runs them.
@Suite(.serialized) struct BenchCommandTests {
    let edgepilot = BuiltBinary("edgepilot")
    static let mnist = Repository.root + "/examples/models/mnist-cntk/fp32.onnx"
    static let iris = Repository.root + "/examples/models/iris-mlp/fp32.onnx"
    static let eval = Repository.root + "/examples/eval/mnist-16"

    final class Scratch {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-bench-\(UUID().uuidString)").path
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The whole chain through the CLI: the Orin Nano tree's VDD_IN follows 3.5 W / 9 W, so
    /// dynamic joules per inference ≈ 5.5 W × mean latency; the JSON keys are the contract.
    @Test func simulatedPowerJSONHasTheContractKeysAndTheExpectedJoules() throws {
        let scratch = try Scratch()
        let tree = Repository.fixture("jetson-orin-nano")
        let before = try String(contentsOfFile: tree + "/sys/class/hwmon/hwmon1/curr1_input", encoding: .utf8)
        let result = try edgepilot.run(["bench", Self.mnist, "--precision", "fp32,fp16", "--eval", Self.eval, "--duration", "1", "--idle", "0.5",
                                        "--root", tree, "--simulate-power", "3.5:9.0", "--db", scratch.path + "/r.db", "--json",
                                        "--chart", scratch.path + "/c.svg"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2)
        for row in rows {
            for key in ["precision", "computePrecision", "p50Ms", "p90Ms", "p99Ms", "throughputPerSec", "watts", "joulesPerInference",
                        "dynamicJoulesPerInference", "energySource", "energyUncertaintyPercent", "top1", "peakRSSBytes"] {
                #expect(row[key] != nil, "missing \(key)")
            }
            #expect(row["energySource"] as? String == "simulated")
            #expect(row["top1"] as? Double == 1.0)  // the 16 digits are all right in FP32 and FP16
            let mean = try #require((row["latency"] as? [String: Any])?["meanMs"] as? Double)
            let dynamic = try #require(row["dynamicJoulesPerInference"] as? Double)
            let expected = 5.5 * mean / 1000
            #expect(abs(dynamic - expected) / expected < 0.1, "dynamic \(dynamic) J vs (9 − 3.5) W × \(mean) ms")
        }
        #expect(rows.map { $0["precision"] as? String } == ["fp32", "fp16"])
        // The simulator wrote into its own copy: the fixture tree is unchanged.
        #expect(try String(contentsOfFile: tree + "/sys/class/hwmon/hwmon1/curr1_input", encoding: .utf8) == before)
        #expect(try String(contentsOfFile: scratch.path + "/c.svg", encoding: .utf8).contains("<svg"))
        let stored = try edgepilot.run(["results", "--db", scratch.path + "/r.db", "--json"])
        #expect(stored.status == 0, "\(stored.stderr)")
        #expect((try JSONSerialization.jsonObject(with: Data(stored.stdout.utf8)) as? [[String: Any]])?.count == 2)
    }

    @Test func withoutRailsTheTableSaysEstimated() throws {
        let scratch = try Scratch()
        let result = try edgepilot.run(["bench", Self.iris, "--duration", "0.2", "--idle", "0.2", "--root", Repository.fixture("raspberry-pi-5"),
                                        "--no-store"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("estimated") && result.stderr.contains("estimated"))
        _ = scratch
    }

    /// `--calib` takes an eval-set directory as well as a sample file: the INT8 variant is built here.
    @Test func calibrationFromAnEvalSetDirectory() throws {
        let result = try edgepilot.run(["bench", Self.mnist, "--precision", "int8", "--calib", Self.eval, "--duration", "0.2", "--idle", "0",
                                        "--no-store", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("calibrat") || result.stderr.contains("int8:"), "\(result.stderr)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["precision"] as? String } == ["int8"])
    }

    @Test(arguments: [
        (["--precision", "fp64"], "--precision"), (["--duration", "0"], "--duration"), (["--simulate-power", "9:3"], "IDLE_W:ACTIVE_W"),
        (["--simulate-power", "3:9"], "INA3221"), (["--precision", "int8"], "needs calibration samples"),
        (["--precision", "int8"], "nothing was measured"), (["--threads", "1,x"], "--threads"),
    ])
    func badRequestsSayWhatIsWrong(arguments: [String], message: String) throws {
        let result = try edgepilot.run(["bench", Self.iris, "--duration", "0.1", "--idle", "0", "--no-store"] + arguments)
        #expect((result.stdout + result.stderr).contains(message), "\(result.stdout)\(result.stderr)")
    }

    /// A quantized file with no --precision is benched as it is (once per --threads count), and
    /// its row says which file it was built from.
    @Test func aQuantizedFileIsBenchedAsItIsAtEachThreadCount() throws {
        let scratch = try Scratch()
        let int8 = scratch.path + "/int8.onnx"
        let built = try edgepilot.run(["quantize", Self.mnist, "--precision", "int8", "--calib", Self.eval, "--no-measure", "--out", int8])
        #expect(built.status == 0, "\(built.stderr)")
        let result = try edgepilot.run(["bench", int8, "--threads", "1,2", "--duration", "0.2", "--idle", "0", "--no-store", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["precision"] as? String } == ["int8", "int8"] && rows.map { $0["threads"] as? Int } == [1, 2])
        let source = try #require(try edgepilot.run(["bench", Self.mnist, "--duration", "0.1", "--idle", "0", "--no-store", "--json"]).stdout
            .data(using: .utf8).flatMap { try JSONSerialization.jsonObject(with: $0) as? [[String: Any]] }?.first?["variantSHA256"] as? String)
        #expect(rows.allSatisfy { $0["derivedFromSHA256"] as? String == source && ($0["ranAs"] as? String)?.hasPrefix("int8: 2 conv") == true })
        #expect(rows.allSatisfy { ($0["peakRSSBytes"] as? Int ?? 0) > 0 })
    }

    /// `kill -9` at random moments while bench stores many short runs: the database always opens,
    /// passes SQLite's integrity check, and holds only whole runs.
    @Test func killNineDuringStoreWritesLeavesAnIntactDatabase() throws {
        let scratch = try Scratch()
        let db = scratch.path + "/r.db"
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<12 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: edgepilot.path)
            process.arguments = ["bench"] + Array(repeating: Self.iris, count: 40) + ["--duration", "0.002", "--iterations", "1", "--warmup", "0",
                                                                                       "--idle", "0", "--db", db]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 150_000...900_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let check = try edgepilot.run(["results", "--db", db, "--json", "--limit", "100000"])
        #expect(check.status == 0, "\(check.stderr)")
        let runs = try #require(JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]])
        #expect(runs.count > 12, "too few runs were stored to have raced the kills: \(runs.count)")
        let integrity = try edgepilot.run(["results", "--db", db, "--check"])
        #expect(integrity.status == 0 && integrity.stdout.hasPrefix("ok"), "\(integrity.stdout)\(integrity.stderr)")
    }
}
