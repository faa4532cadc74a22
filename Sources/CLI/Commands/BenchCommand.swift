import ArgumentParser
import Basics
import Bench
import Foundation
import Measure
import Store
import Variants

/// `edgepilot bench MODEL...`: each variant under the benchmark protocol, with joules per
/// inference from the board's rails (or the simulated rail, or an estimate — always labelled),
/// stored in the results database. The work is `Measure.BenchSession`'s; this prints it.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark model variants: latency percentiles, throughput, watts and joules per inference, accuracy.",
        discussion: """
            Protocol: warm-up by time, idle power just before, then at least --iterations inferences and at least \
            --duration seconds (trtexec's defaults: 200 ms, 10, 3 s). Energy comes from the board's total rail or \
            RAPL counter sampled at --rate Hz on its own thread; without one it is estimated from CPU time and says \
            "estimated". --simulate-power IDLE:ACTIVE makes the total INA3221 rail of the board tree at --root read \
            IDLE watts, or ACTIVE while an inference runs (output labelled "simulated"). Without --precision each \
            file is benched as it is; --threads 1,2 measures every variant at each count. Runs are stored in --db.
            """)

    @Argument(help: "ONNX model files (FP32, or variants such as int8_qdq.onnx).") var models: [String]
    @Option(name: .long, help: ArgumentHelp("Variants to measure: fp32, fp16, int8 (comma-separated); default: each file as it is.", valueName: "list"))
    var precision: String?
    @Option(name: .long, help: ArgumentHelp("Calibration samples for int8: a `run --input` file, or an eval-set directory (its inputs.bin).", valueName: "file|dir")) var calib: String?
    @Option(name: .long, help: ArgumentHelp("Eval set: DIR/inputs.bin and DIR/labels.txt (top-1, agreement with FP32).", valueName: "dir"))
    var eval: String?
    @Option(name: .long, help: "Minimum timed seconds per variant.") var duration = 3.0
    @Option(name: .long, help: "Minimum timed inferences per variant.") var iterations = 10
    @Option(name: .long, help: "Warm-up seconds.") var warmup = 0.2
    @Option(name: .long, help: "Seconds of idle power measured before each variant (0: none).") var idle = 1.0
    @Flag(name: .long, help: "Run until latency and temperature are steady; report burst and steady apart.") var sustained = false
    @Option(name: .long, help: "Time limit of --sustained, seconds.") var sustainedLimit = 600.0
    @Option(name: .long, help: ArgumentHelp("Read the board's files under this directory.", valueName: "dir")) var root = "/"
    @Option(name: .long, help: ArgumentHelp("Simulated rail: IDLE_W:ACTIVE_W (needs a board tree with an INA3221 total rail at --root).", valueName: "trace"))
    var simulatePower: String?
    @Option(name: .long, help: "Power sampling rate, Hz (never faster than the sensor updates).") var rate = 100.0
    @Option(name: .long, help: ArgumentHelp("Results database.", valueName: "path")) var db = ResultsLocation.defaultPath
    @Flag(name: .long, help: "Do not store the runs.") var noStore = false
    @Flag(name: .long, help: "Print JSON (one object per variant; keys in docs/bench-json.md).") var json = false
    @Option(name: .long, help: ArgumentHelp("Draw latency vs joules per inference (Pareto front) as SVG.", valueName: "file.svg")) var chart: String?
    @Flag(name: .long, help: "Also time every compiled step and print the top ones by total time.") var profile = false
    @OptionGroup var engine: EngineOptions
    @OptionGroup var profileOptions: ProfileOptions

    func validate() throws {
        if let precision, Precision.list(precision) == nil {
            throw ValidationError("--precision: a comma-separated list of fp32, fp16, int8 (got '\(precision)')")
        }
        guard duration > 0, duration <= 86_400, iterations >= 1, warmup >= 0, idle >= 0 else {
            throw ValidationError("--duration must be in (0, 86400], --iterations ≥ 1, --warmup and --idle ≥ 0")
        }
        guard rate > 0, rate <= 10_000 else { throw ValidationError("--rate must be in (0, 10000] Hz") }
        if let simulatePower { _ = try SimulatedPower(parsing: simulatePower) }
    }

    var settings: BenchSettings {
        var s = BenchSettings()
        s.minSeconds = duration
        s.minIterations = iterations
        s.warmupSeconds = warmup
        s.idleSeconds = idle
        s.sustained = sustained
        s.sustainedLimitSeconds = sustainedLimit
        s.steadyWindowSeconds = min(30, max(2, duration))
        return s
    }

    func run() throws {
        let board = try profileOptions.probe(root: root)
        let host = HostCPU.preparingOpenBLAS(try HostCPU.resolve(board: board, root: root, probeThisMachine: HostCPU.probeThisMachine))
        if let note = host.note { say(note) }
        let store = noStore ? nil : try ResultStore(path: db)
        let energy = try EnergySetup.choose(board: board, root: root, simulate: try simulatePower.map(SimulatedPower.init(parsing:)), rateHz: rate)
        defer { energy.stop() }
        if let note = energy.note { say(note) }
        say("energy: \(energy.meter.description)")
        let request = BenchRequest(models: models, precisions: precision.flatMap(Precision.list), calibration: calib, eval: eval,
                                   threads: try engine.threadCounts(), settings: settings, options: try engine.compilerOptions(host: host),
                                   maximumModelBytes: engine.maxModelBytes, profileSteps: profile)
        let session = BenchSession(board: board, root: root, energy: energy, store: store,
                                   reprobe: { [profileOptions, root] in try? profileOptions.probe(root: root) }, log: say)
        var printed = 0
        let outcome = try session.run(request) { result in
            if profile { BenchTable.printSlowest(result.slowestSteps) }
            if !json { print(printed == 0 ? BenchTable.header + "\n" + result.row.tableLine : result.row.tableLine) }
            printed += 1
        }
        for reason in outcome.skipped { say("skipped: \(reason)") }
        if outcome.rows.isEmpty { throw CLIError("nothing was measured" + (outcome.skipped.isEmpty ? "" : " (every variant asked for was skipped)")) }
        if json { try printJSON(outcome.rows) }
        if let chart { try drawChart(outcome.rows, to: chart) }
        if let store { say("stored \(outcome.rows.count) run(s) in \(store.path)") }
    }

    private func printJSON(_ rows: [BenchRow]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(rows), as: UTF8.self))
    }

    private func drawChart(_ rows: [BenchRow], to path: String) throws {
        let points = rows.map { row in
            ParetoChart.Point(label: "\(row.model) \(row.precision.rawValue)" + (row.threads > 1 ? " ×\(row.threads)" : "")
                + (row.top1.map { String(format: " %.1f%%", 100 * $0) } ?? ""),
                              latencyMs: row.p50Ms, joules: row.joulesPerInference, estimated: row.isEstimated)
        }
        do {
            try ParetoChart.svg(points, title: "latency vs energy per inference").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CLIError("cannot write \(path): \(error.localizedDescription)")
        }
        say("chart: \(path)")
    }
}

/// Progress and notes go to standard error, results to standard output.
func say(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
