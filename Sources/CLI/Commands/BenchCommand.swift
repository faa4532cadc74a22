import ArgumentParser
import Bench
import Energy
import Engine
import EngineIR
import Foundation
import Probe
import Store

/// `edgepilot bench MODEL...`: each variant under the benchmark protocol, with joules per
/// inference from the board's rails (or the simulated rail, or an estimate — always labelled),
/// stored in the results database.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark model variants: latency percentiles, throughput, watts and joules per inference, accuracy.",
        discussion: """
            Protocol: warm-up by time, idle power just before, then at least --iterations inferences and at least \
            --duration seconds (trtexec's defaults: 200 ms, 10, 3 s). Energy comes from the board's total rail or \
            RAPL counter sampled at --rate Hz on its own thread; without one it is estimated from CPU time and says \
            "estimated". --simulate-power IDLE:ACTIVE makes the total INA3221 rail of the board tree at --root read \
            IDLE watts, or ACTIVE while an inference runs (output labelled "simulated"). Runs are stored in --db.
            """)

    @Argument(help: "ONNX model files (FP32, or variants such as int8_qdq.onnx).") var models: [String]
    @Option(name: .long, help: ArgumentHelp("Variants to measure: fp32, fp16, int8 (comma-separated).", valueName: "list"))
    var precision = "fp32"
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
        let wanted = precisions
        guard !wanted.isEmpty, wanted.allSatisfy({ ["fp32", "fp16", "int8"].contains($0) }) else {
            throw ValidationError("--precision: a comma-separated list of fp32, fp16, int8 (got '\(precision)')")
        }
        guard duration > 0, duration <= 86_400, iterations >= 1, warmup >= 0, idle >= 0 else {
            throw ValidationError("--duration must be in (0, 86400], --iterations ≥ 1, --warmup and --idle ≥ 0")
        }
        guard rate > 0, rate <= 10_000 else { throw ValidationError("--rate must be in (0, 10000] Hz") }
        if let simulatePower { _ = try BenchEnergy.parseTrace(simulatePower) }
    }

    var precisions: [String] { precision.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

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
        OpenBLASCore.ensurePreferredKernel()
        let store = noStore ? nil : try openStore()
        let info = try profileOptions.probe(root: root)
        let energy = try BenchEnergy.choose(info: info, root: root, simulate: simulatePower, rateHz: rate)
        defer { energy.stop() }
        if let note = energy.note { say(note) }
        say("energy: \(energy.meter.description)")
        let options = try engine.compilerOptions()
        var rows: [BenchRow] = []
        var skipped: [String] = []
        for path in models {
            let made = try BenchVariant.make(path: path, precisions: precisions, engine: engine, calib: calib) { graph in
                try Self.quantize(graph, calib: calib!, options: options, batch: engine.batch)
            }
            skipped += made.skipped
            var fp32Predictions: [Int]?
            for variant in made.variants {
                let row = try measure(variant, info: info, energy: energy, options: options, fp32Predictions: &fp32Predictions)
                rows.append(row)
                if let store { try record(row, variant: variant, info: info, store: store) }
                if !json { print(rows.count == 1 ? BenchRow.header + "\n" + row.line : row.line) }
            }
        }
        for reason in skipped { say("skipped: \(reason)") }
        if json { try printJSON(rows) }
        if let chart { try drawChart(rows, to: chart) }
        if let store, !rows.isEmpty { say("stored \(rows.count) run(s) in \(store.path)") }
    }

    private func measure(_ variant: BenchVariant, info: HardwareInfo, energy: BenchEnergy, options: Compiler.Options,
                         fp32Predictions: inout [Int]?) throws -> BenchRow {
        let compileStart = Date()
        let compiled: CompiledModel
        let options = Self.options(options, for: variant.graph)
        do {
            compiled = try Compiler.compile(variant.graph, options: options)
        } catch {
            throw CLIError("\(variant.model) \(variant.precision): \(error.description)")
        }
        let compileSeconds = Date().timeIntervalSince(compileStart)
        var top1: Double?, agreement: Double?
        if let eval {
            let set = try EvalSet.load(eval, compiled: compiled, batch: engine.batch)
            let predicted = try set.predictions(compiled)
            top1 = Double(zip(predicted, set.labels).filter { $0 == $1 }.count) / Double(set.labels.count)
            if variant.precision == "fp32" { fp32Predictions = predicted }
            if let reference = fp32Predictions { agreement = Double(zip(predicted, reference).filter { $0 == $1 }.count) / Double(predicted.count) }
        }
        let sample = try SampleReader.samples(compiled: compiled, inputFile: nil, batch: engine.batch)[0]
        say("\(variant.model) \(variant.precision): \(compiled.report.computePrecision); measuring…")
        let thermal = ThermalReader(info, root: root)
        let runner = BenchRunner(settings: settings, meter: energy.meter, activity: energy.activity, temperature: { thermal.hottestCelsius() },
                                 progress: { say("  " + $0) })
        let measurement: BenchMeasurement
        let samplerBefore = energy.meter.samplerCPUSeconds, wallBefore = Date()
        do {
            measurement = try runner.run { _ = try compiled.run(sample) }
        } catch let error as BenchError {
            throw CLIError(error.description)
        }
        let samplerPercent = energy.meter.samplerCPUSeconds.map { after in
            100 * (after - (samplerBefore ?? 0)) / max(1e-9, Date().timeIntervalSince(wallBefore))
        }
        if profile { printProfile(compiled) }
        let conditions = Conditions(start: info, end: (try? profileOptions.probe(root: root)) ?? info, threads: engine.threads,
                                    temperatureStartC: measurement.temperatureStartC, temperatureEndC: measurement.temperatureEndC,
                                    energySource: energy.meter.description)
        let macs = ModelSummary(graph: variant.graph, typed: compiled.graph).macs
        return BenchRow(variant: variant, computePrecision: compiled.report.computePrecision, measurement: measurement,
                        conditions: conditions, macs: macs, compileSeconds: compileSeconds, top1: top1, agreement: agreement,
                        samplerCPUPercent: samplerPercent)
    }

    /// With several models, each takes the --shape entries that name its own inputs.
    static func options(_ options: Compiler.Options, for graph: Graph) -> Compiler.Options {
        var options = options
        let names = Set(graph.inputs.map(\.name))
        options.inputShapes = options.inputShapes.filter { names.contains($0.key) }
        return options
    }

    static func quantize(_ graph: Graph, calib: String, options: Compiler.Options, batch: Int) throws -> Graph {
        let options = Self.options(options, for: graph)
        do {
            let compiled = try Compiler.compile(graph, options: options)
            let samples = try SampleReader.samples(compiled: compiled, inputFile: calib, batch: batch).map { $0[0] }
            let result = try QDQQuantizer.quantize(graph, samples: samples, options: options, settings: .init(method: .entropy))
            say("int8: \(result.quantized.count) convolution(s) integer, \(result.keptFloat.count) op(s) kept float (see `edgepilot quantize` for each reason)")
            return result.graph
        } catch let error as EngineError {
            throw CLIError(error.description)
        }
    }


    private func openStore() throws -> ResultStore {
        do {
            return try ResultStore(path: db)
        } catch {
            throw CLIError(error.description)
        }
    }

    private func record(_ row: BenchRow, variant: BenchVariant, info: HardwareInfo, store: ResultStore) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func text(_ value: some Encodable) -> String { (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}" }
        let record = RunRecord(
            board: row.conditions.board, profile: info.profile, architecture: info.architecture, hardwareDocument: text(info),
            modelName: variant.model, modelSHA256: variant.sha256, modelBytes: variant.bytes, precision: row.precision,
            computePrecision: row.computePrecision, variantSHA256: variant.sha256, variantBytes: variant.bytes, macs: row.macs,
            p50Ms: row.p50Ms, p99Ms: row.p99Ms, throughputPerSec: row.throughputPerSec, watts: row.watts,
            joulesPerInference: row.joulesPerInference, dynamicJoulesPerInference: row.dynamicJoulesPerInference,
            energySource: row.energySource, energyUncertaintyPercent: row.energyUncertaintyPercent, top1: row.top1,
            resultJSON: text(row), conditionsJSON: text(row.conditions))
        do {
            try store.record(record)
        } catch {
            throw CLIError(error.description)
        }
    }

    private func printJSON(_ rows: [BenchRow]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(rows), as: UTF8.self))
    }

    private func drawChart(_ rows: [BenchRow], to path: String) throws {
        let points = rows.map { row in
            ParetoChart.Point(label: "\(row.model) \(row.precision)" + (row.top1.map { String(format: " %.1f%%", 100 * $0) } ?? ""),
                              latencyMs: row.p50Ms, joules: row.joulesPerInference, estimated: row.energySource == "estimated")
        }
        do {
            try ParetoChart.svg(points, title: "latency vs energy per inference").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CLIError("cannot write \(path): \(error.localizedDescription)")
        }
        say("chart: \(path)")
    }

    /// The slowest compiled steps (20 profiled runs) with their share, MACs and GFLOP/s — the
    /// engine's own `--dumpProfile`. Profiling is a separate pass, so the timed runs pay nothing.
    private func printProfile(_ compiled: CompiledModel) {
        let steps = compiled.profile(runs: 20)
        let total = Double(steps.map(\.nanoseconds).reduce(0, +))
        var macs: [String: Int] = [:]
        for node in compiled.graph.nodes where !node.name.isEmpty && macs[node.name] == nil {
            macs[node.name] = ModelSummary.macs(node, in: compiled.graph)
        }
        say("  slowest steps (mean of 20 runs):      time   share       MACs  GFLOP/s  step")
        for (step, ns) in steps.sorted(by: { $0.nanoseconds > $1.nanoseconds }).prefix(10) {
            let m = macs[step.name] ?? 0
            let rate = m > 0 && ns > 0 ? String(format: "%8.1f", 2 * Double(m) / Double(ns)) : "       —"
            say(String(format: "  %36.1f µs %6.1f%% %10d %@  ", Double(ns) / 1000, 100 * Double(ns) / max(1, total), m, rate)
                + "\(step.kind)  \(step.node)")
        }
    }
}

/// Progress and notes go to standard error, results to standard output.
func say(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
