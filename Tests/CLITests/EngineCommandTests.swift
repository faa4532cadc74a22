import Foundation
import Testing

@Suite struct EngineCommandTests {
    let edgepilot = BuiltBinary("edgepilot")
    static let mnist = Repository.root + "/examples/models/mnist-cntk/fp32.onnx"
    static let digits = Repository.root + "/examples/data/mnist-16x1x28x28.f32"

    @Test func inspectJSONHasTheStableKeys() throws {
        let result = try edgepilot.run(["inspect", Self.mnist, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["ops", "parameters", "macs", "fileBytes", "arenaBytes", "naiveBytes", "unsupported"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["macs"] as? Int == 786_560)
        #expect((object["ops"] as? [String: Int])?["Conv"] == 2)
        #expect((object["arenaBytes"] as? Int ?? .max) < (object["naiveBytes"] as? Int ?? 0))
    }

    @Test func inspectShowsWhatEachPassChanged() throws {
        let result = try edgepilot.run(["inspect", Self.mnist, "--passes"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("pass         FuseActivation"))
        #expect(result.stdout.contains("memory       arena"))
    }

    /// The first 16 MNIST test digits: one line each, predictions as ONNX Runtime's.
    @Test func runPrintsTopKPerSampleAndWritesOutputs() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-out-\(UUID().uuidString).f32").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try edgepilot.run(["run", Self.mnist, "--input", Self.digits, "--top", "1", "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let predictions = result.stdout.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "top-1 ") else { return nil }
            return Int(line[range.upperBound...].split(separator: ":")[0])
        }
        #expect(predictions == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5])
        #expect((try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) == 16 * 10 * 4)
    }

    @Test func runRefusesAnInputOfTheWrongSize() throws {
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-bad-\(UUID().uuidString).f32")
        try Data(count: 1000).write(to: bad)
        defer { try? FileManager.default.removeItem(at: bad) }
        let result = try edgepilot.run(["run", Self.mnist, "--input", bad.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("1000 bytes is not a whole number of inferences of 3136 bytes"), "\(result.stderr)")
    }

    @Test func runTimesRepeatedRuns() throws {
        let result = try edgepilot.run(["run", Self.mnist, "--random", "--repeat", "5", "--warmup", "1", "--profile"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("latency over 5 runs (ms): min"))
        #expect(result.stdout.contains("conv"))
    }

    @Test func garbageModelFailsClearly() throws {
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-garbage-\(UUID().uuidString).onnx")
        try Data("this is not a model at all".utf8).write(to: bad)
        defer { try? FileManager.default.removeItem(at: bad) }
        let result = try edgepilot.run(["inspect", bad.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not an ONNX model"), "\(result.stderr)")
    }

    @Test func unknownShapeNameIsNamed() throws {
        let result = try edgepilot.run(["run", Self.mnist, "--random", "--shape", "nope=1,2"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("'nope', which is not an input (inputs: Input3)"), "\(result.stderr)")
    }
}

@Suite struct QuantizeCommandTests {
    let edgepilot = BuiltBinary("edgepilot")

    @Test(arguments: ["int8", "fp16"])
    func buildsAVariantThatRunsAndReportsItsPrecision(precision: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-\(precision)-\(UUID().uuidString).onnx").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let build = try edgepilot.run(["quantize", EngineCommandTests.mnist, "--precision", precision, "--out", out]
            + (precision == "int8" ? ["--calib", EngineCommandTests.digits, "--method", "entropy", "--no-measure"] : []))
        #expect(build.status == 0, "\(build.stderr)")
        if precision == "int8" { #expect(build.stdout.contains("kept float: 'Times212' (MatMul): no integer MatMul kernel yet")) }
        let run = try edgepilot.run(["run", out, "--input", EngineCommandTests.digits, "--top", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains(precision == "int8" ? "int8 (2 integer convolution(s))" : "fp32 compute, fp16 weights"), "\(run.stderr)")
        let predictions = run.stdout.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "top-1 ") else { return nil }
            return Int(line[range.upperBound...].split(separator: ":")[0])
        }
        #expect(predictions == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5])
    }

    /// Without --no-measure, each convolution is timed here and either quantized or kept float
    /// with both timings in the output.
    @Test func measuredCostRuleExplainsEveryDecision() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-measured-\(UUID().uuidString).onnx").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let build = try edgepilot.run(["quantize", EngineCommandTests.mnist, "--precision", "int8", "--calib", EngineCommandTests.digits, "--out", out])
        #expect(build.status == 0, "\(build.stderr)")
        let quantized = build.stdout.split(separator: "\n").first { $0.hasPrefix("int8: ") }.flatMap { Int($0.split(separator: " ")[1]) }
        let measured = build.stdout.split(separator: "\n").filter { $0.contains("(Conv): measured: integer ") && $0.contains(" vs float ") }
        #expect((quantized ?? -1) + measured.count == 2, "\(build.stdout)")
    }

    @Test func percentileOutOfRangeIsRefused() throws {
        let result = try edgepilot.run(["quantize", EngineCommandTests.mnist, "--precision", "int8", "--calib", EngineCommandTests.digits,
                                        "--method", "percentile", "--percentile", "120", "--out", "/tmp/never.onnx"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--percentile must be in (50, 100], got 120.0"), "\(result.stderr)")
    }

    @Test func int8NeedsCalibrationData() throws {
        let result = try edgepilot.run(["quantize", EngineCommandTests.mnist, "--precision", "int8", "--out", "/tmp/never.onnx"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--precision int8 needs --calib FILE"))
    }
}
