import Bench
import Energy
import Foundation

/// One variant's result: the `bench --json` row (the key names are a contract; docs/bench-json.md).
struct BenchRow: Codable {
    var model: String
    var precision: String
    var computePrecision: String
    var p50Ms: Double
    var p90Ms: Double
    var p99Ms: Double
    var throughputPerSec: Double
    var watts: Double
    var joulesPerInference: Double
    var dynamicJoulesPerInference: Double
    var energySource: String
    var energyUncertaintyPercent: Double
    var energyFlags: [String]
    var top1: Double?
    var agreementWithFP32: Double?
    var peakRSSBytes: Int
    /// CPU time of the power-sampling thread over this variant's benchmark, % of one core.
    var samplerCPUPercent: Double?
    var fileBytes: Int
    var macs: Int
    var loadMs: Double
    var compileMs: Double
    var idleWatts: Double
    var latency: LatencyStats
    var iterations: Int
    var seconds: Double
    var steady: Phase?
    var steadyReached: Bool?
    var conditions: Conditions
    var origin: String

    init(variant: BenchVariant, computePrecision: String, measurement m: BenchMeasurement, conditions: Conditions, macs: Int,
         compileSeconds: Double, top1: Double?, agreement: Double?, samplerCPUPercent: Double?) {
        self.samplerCPUPercent = samplerCPUPercent
        model = variant.model
        precision = variant.precision
        self.computePrecision = computePrecision
        let burst = m.burst
        p50Ms = burst.latency.p50Ms
        p90Ms = burst.latency.p90Ms
        p99Ms = burst.latency.p99Ms
        throughputPerSec = burst.throughputPerSec
        watts = burst.watts
        joulesPerInference = burst.joulesPerInference
        dynamicJoulesPerInference = burst.dynamicJoulesPerInference
        energySource = burst.energy.source.rawValue
        energyUncertaintyPercent = burst.energy.uncertaintyPercent
        energyFlags = m.idle.flags.map { "idle: " + $0 } + burst.energy.flags
        self.top1 = top1
        agreementWithFP32 = agreement
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        peakRSSBytes = usage.ru_maxrss * 1024
        fileBytes = variant.bytes
        self.macs = macs
        loadMs = variant.loadSeconds * 1000
        compileMs = compileSeconds * 1000
        idleWatts = m.idle.meanWatts
        latency = burst.latency
        iterations = burst.iterations
        seconds = burst.seconds
        steady = m.steady
        steadyReached = m.steadyReached
        self.conditions = conditions
        origin = variant.origin
    }

    /// The table's line.
    var line: String {
        let accuracy = top1.map { String(format: "%.2f%%", 100 * $0) } ?? "—"
        return Column.row([String(model.suffix(28)), precision, String(format: "%.3f", p50Ms), String(format: "%.3f", p99Ms),
                           String(format: "%.1f", throughputPerSec), String(format: "%.2f", watts), String(format: "%.5f", joulesPerInference),
                           String(format: "%.5f", dynamicJoulesPerInference), String(format: "%.1f%%", energyUncertaintyPercent), accuracy,
                           byteCount(Int64(fileBytes)), energySource, ranAs], widths: Self.widths)
    }

    /// What arithmetic ran, shortly: `fp32`, `int8: 5 conv`, `fp16 weights, fp32 compute`.
    var ranAs: String {
        if computePrecision.hasPrefix("int8 ("), let count = computePrecision.dropFirst(6).split(separator: " ").first {
            return "int8: \(count) conv, rest fp32"
        }
        if computePrecision.hasPrefix("fp32 compute, fp16 weights") { return "fp16 weights, fp32 compute" }
        return computePrecision
    }

    static let widths = [-28, -5, 9, 9, 10, 7, 11, 11, 7, 8, 10, -11, -24]
    static let header = Column.row(["model", "prec", "p50 ms", "p99 ms", "inf/s", "W", "J/inf", "J/inf dyn", "±", "top-1", "size",
                                    "energy", "ran as"], widths: widths)
}

/// Fixed-width text columns (String(format:) ignores widths for %@ on Linux): a negative
/// width pads on the right (left-aligned), a positive one on the left.
enum Column {
    static func row(_ cells: [String], widths: [Int]) -> String {
        zip(cells, widths).map { cell, width in
            let gap = String(repeating: " ", count: max(0, abs(width) - cell.count))
            return width < 0 ? cell + gap : gap + cell
        }.joined(separator: " ")
    }
}
