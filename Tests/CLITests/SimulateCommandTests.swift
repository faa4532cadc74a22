import Foundation
import Testing

/// `edgepilot simulate` as an operator runs it: on the shipped traces and tables, on the runs a
/// bench stored, and refusing bad input with where it is.
@Suite(.serialized) struct SimulateCommandTests {
    let edgepilot = BuiltBinary("edgepilot")
    static let table = Repository.root + "/examples/variants/orin-nano-squeezenet1.1.json"
    static let trace = Repository.root + "/examples/traces/squeezenet1.1/load-bursts.csv"

    @Test func theShippedTraceGivesTheContractKeys() throws {
        let result = try edgepilot.run(["simulate", "--variants", Self.table, "--trace", Self.trace, "--board", "jetson-orin-nano", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["budgetViolationPercent", "sloViolationPercent", "meanTop1", "oracleMeanTop1", "energyJoules", "oracleEnergyJoules", "switches"] {
            #expect(report[key] is NSNumber, "missing \(key)")
        }
        let baselines = try #require(report["baselines"] as? [String: [String: Any]])
        #expect(Set(baselines.keys) == ["variantOnly", "powerModeOnly"])
        for (_, baseline) in baselines {
            for key in ["budgetViolationPercent", "sloViolationPercent", "meanTop1", "energyJoules", "switches"] { #expect(baseline[key] is NSNumber) }
        }
        #expect((report["excluded"] as? [String])?.allSatisfy { $0.hasSuffix("power mode 7W needs a reboot") } == true)
        let text = try edgepilot.run(["simulate", "--variants", Self.table, "--trace", Self.trace, "--board", "jetson-orin-nano"])
        #expect(text.status == 0 && text.stdout.contains("policy vs oracle: top-1") && text.stdout.contains("oracle (knows the future)"))
    }

    /// Candidates from the runs a bench stored on the simulated Orin Nano: two variants, two
    /// thread counts; the power modes come from the profile the runs name.
    @Test func candidatesComeFromStoredRuns() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-sim-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let mnist = Repository.root + "/examples/models/mnist-cntk/fp32.onnx"
        let bench = try edgepilot.run(["bench", mnist, "--precision", "fp32,fp16", "--threads", "1,2", "--eval", Repository.root + "/examples/eval/mnist-16",
                                       "--duration", "0.2", "--idle", "0.2", "--root", Repository.fixture("jetson-orin-nano"),
                                       "--simulate-power", "3.5:9", "--db", scratch + "/r.db"])
        #expect(bench.status == 0, "\(bench.stderr)")
        try "t_s,rate_hz,budget_w\n0,100,5\n10,2000,5\n20,100,3\n".write(toFile: scratch + "/t.csv", atomically: true, encoding: .utf8)
        let result = try edgepilot.run(["simulate", "--db", scratch + "/r.db", "--trace", scratch + "/t.csv", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("4 candidate(s) of mnist-cntk/fp32.onnx"), "\(result.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((report["steps"] as? Int) == 3 && (report["meanTop1"] as? Double) == 100)
    }

    @Test(arguments: [
        (["--trace", "t.csv"], "give either --variants FILE.json or --db PATH"),
        (["--variants", "v.json", "--db", "r.db", "--trace", "t.csv"], "give either --variants FILE.json or --db PATH"),
        (["--variants", table, "--trace", "/nonexistent.csv"], "cannot read /nonexistent.csv"),
        (["--variants", table, "--trace", trace, "--board", "no-such-board"], "--board no-such-board: no such profile"),
        (["--variants", table, "--trace", trace, "--no-mode-switching"], "needs --power-mode"),
        (["--variants", trace, "--trace", trace], "not a JSON list"),
    ])
    func badRequestsSayWhatIsWrong(arguments: [String], message: String) throws {
        let result = try edgepilot.run(["simulate"] + arguments)
        #expect(result.status != 0 && result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func aMalformedTraceIsRefusedWithItsLineAndColumn() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-bad-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "t_s,rate_hz,budget_w\n0,10,5\n1,ten,5\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try edgepilot.run(["simulate", "--variants", Self.table, "--trace", path])
        #expect(result.status == 1 && result.stderr.contains("\(path):3:2: rate_hz 'ten' is not a number"), "\(result.stderr)")
    }
}
