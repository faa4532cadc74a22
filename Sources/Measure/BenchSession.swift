import Basics
import Bench
import Energy
import Engine
import EngineIR
import Foundation
import Probe
import Store
import Variants

/// Stage 6 — measurement sessions: what `edgepilot bench` and the daemon's measurement
/// scheduler both run. For each model file it plans the variants (the file as given, FP16 and
/// INT8 built here), builds each only when its turn comes (and drops it after, so each
/// variant's memory peak is its own), compiles it at each thread count, evaluates it on the
/// eval set, measures it under the benchmark protocol with the chosen energy source, and stores
/// the run. It does not print: rows and progress go to the caller.
public struct BenchSession: Sendable {
    public struct Result: Sendable {
        public var row: BenchRow
        /// With `profileSteps`: every compiled step, slowest first.
        public var slowestSteps: [StepTiming]
        /// The run's id in the results database (nil without a store).
        public var storedRunID: Int64?
    }

    public struct Outcome: Sendable {
        public var rows: [BenchRow]
        /// `model precision: why`, for each precision asked for that was not measured.
        public var skipped: [String]
    }

    public var board: HardwareInfo
    public var root: String
    public var energy: EnergySetup
    public var store: ResultStore?
    /// The board probed again after each variant, for the conditions at its end (nil: as at start).
    public var reprobe: @Sendable () -> HardwareInfo?
    public var log: @Sendable (String) -> Void

    public init(board: HardwareInfo, root: String, energy: EnergySetup, store: ResultStore?, reprobe: @escaping @Sendable () -> HardwareInfo? = { nil },
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.board = board
        self.root = root
        self.energy = energy
        self.store = store
        self.reprobe = reprobe
        self.log = log
    }

    public func run(_ request: BenchRequest, each: (Result) throws -> Void = { _ in }) throws -> Outcome {
        _ = try validated(request.settings)
        var rows: [BenchRow] = [], skipped: [String] = []
        var predictions = Predictions()
        for path in request.models {
            let file = try variantStep { try ModelFile.load(path, maximumBytes: request.maximumModelBytes) }
            let plan = VariantPlan(file, precisions: request.precisions, calibration: request.calibration)
            skipped += plan.skipped
            for item in plan.items {
                let ownPeak = PeakMemory.reset()
                let variant = try variantStep { try plan.variant(item, options: request.options, producer: "edgepilot bench", log: log) }
                var accuracy: Accuracy?
                for threads in request.threads {
                    if threads != request.threads.first { _ = PeakMemory.reset() }
                    let result = try measure(variant, threads: threads, request: request, ownPeak: ownPeak, accuracy: &accuracy,
                                             predictions: &predictions)
                    var stored = result
                    if let store { stored.storedRunID = try record(result.row, source: file, in: store) }
                    rows.append(result.row)
                    try each(stored)
                }
            }
        }
        return Outcome(rows: rows, skipped: skipped)
    }

    struct Accuracy {
        var top1: Double
        var agreement: Double?
    }

    /// The FP32 predictions on the eval set, by the FP32 file's digest: a variant's agreement is
    /// with the FP32 file it was built from (benched earlier in the session).
    struct Predictions {
        var fp32: [String: [Int]] = [:]

        mutating func agreement(_ predicted: [Int], of variant: Variant) -> Double? {
            if variant.precision == .fp32 && fp32[variant.sha256] == nil { fp32[variant.sha256] = predicted }
            return fp32[variant.derivedFromSHA256 ?? variant.sha256].map { EvalSet.agreement(predicted, $0) }
        }
    }

    private func measure(_ variant: Variant, threads: Int, request: BenchRequest, ownPeak: Bool, accuracy: inout Accuracy?,
                         predictions: inout Predictions) throws -> Result {
        var options = request.options.restricted(to: variant.graph)
        options.threads = threads
        let compileStart = Date()
        let compiled = try variantStep { try Compiler.compile(variant.graph, options: options) }
        let compileSeconds = Date().timeIntervalSince(compileStart)
        if accuracy == nil, let eval = request.eval {
            let set = try variantStep { try EvalSet.load(eval, for: compiled, batch: options.batch) }
            let predicted = try variantStep { try set.predictions(compiled) }
            accuracy = Accuracy(top1: set.top1(predicted), agreement: predictions.agreement(predicted, of: variant))
        }
        let sample = Samples.random(for: compiled)
        let arithmetic = compiled.report.arithmetic
        log("\(variant.model) \(variant.precision.rawValue), \(threads) thread(s): \(arithmetic.description); measuring…")
        let thermal = ThermalReader(board, root: root)
        let runner = BenchRunner(settings: request.settings, meter: energy.meter, activity: energy.activity,
                                 temperature: { thermal.hottestCelsius() }, progress: { [log] in log("  " + $0) })
        let samplerBefore = energy.meter.samplerCPUSeconds, wallBefore = Date()
        let measurement: BenchMeasurement
        do {
            measurement = try runner.run { _ = try compiled.run(sample) }
        } catch let error as BenchError {
            throw MeasureError(.settings, error.description)
        } catch {
            throw MeasureError(.variant, "\(variant.model) \(variant.precision.rawValue): \(error)")
        }
        let samplerPercent = energy.meter.samplerCPUSeconds.map { after in
            100 * (after - (samplerBefore ?? 0)) / max(1e-9, Date().timeIntervalSince(wallBefore))
        }
        let steps = request.profileSteps ? StepTiming.slowest(compiled) : []
        let conditions = Conditions(start: board, end: reprobe() ?? board, threads: threads, temperatureStartC: measurement.temperatureStartC,
                                    temperatureEndC: measurement.temperatureEndC, energySource: energy.meter.description)
        let burst = measurement.burst
        let row = BenchRow(
            model: variant.model, precision: variant.precision, computePrecision: arithmetic.description, ranAs: arithmetic.short,
            variantSHA256: variant.sha256, derivedFromSHA256: variant.derivedFromSHA256, threads: threads,
            p50Ms: burst.latency.p50Ms, p90Ms: burst.latency.p90Ms, p99Ms: burst.latency.p99Ms, throughputPerSec: burst.throughputPerSec,
            watts: burst.watts, joulesPerInference: burst.joulesPerInference, dynamicJoulesPerInference: burst.dynamicJoulesPerInference,
            energySource: burst.energy.source.rawValue, energyUncertaintyPercent: burst.energy.uncertaintyPercent,
            energyFlags: measurement.idle.flags.map { "idle: " + $0 } + burst.energy.flags,
            top1: accuracy?.top1, agreementWithFP32: accuracy?.agreement, peakRSSBytes: ownPeak ? PeakMemory.peakBytes() : nil,
            samplerCPUPercent: samplerPercent, fileBytes: variant.bytes, macs: ModelSummary(graph: variant.graph, typed: compiled.graph).macs,
            loadMs: variant.loadSeconds * 1000, compileMs: compileSeconds * 1000, idleWatts: measurement.idle.meanWatts, latency: burst.latency,
            iterations: burst.iterations, seconds: burst.seconds, steady: measurement.steady, steadyReached: measurement.steadyReached,
            conditions: conditions, origin: variant.origin)
        return Result(row: row, slowestSteps: steps, storedRunID: nil)
    }

    private func validated(_ settings: BenchSettings) throws(MeasureError) -> BenchSettings {
        do { return try settings.validated() } catch { throw MeasureError(.settings, error.description) }
    }

    private func variantStep<T>(_ body: () throws -> T) throws(MeasureError) -> T {
        do {
            return try body()
        } catch let error as MeasureError {
            throw error
        } catch let error as VariantsError {
            throw MeasureError(.variant, error.description)
        } catch let error as EngineError {
            throw MeasureError(.variant, error.description)
        } catch {
            throw MeasureError(.variant, "\(error)")
        }
    }
}
