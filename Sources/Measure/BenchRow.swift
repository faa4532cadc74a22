import Basics
import Bench
import Energy
import Foundation

/// One variant's result: the `bench --json` row (the key names are a contract; docs/bench-json.md).
public struct BenchRow: Codable, Sendable {
    public var model: String
    public var precision: Precision
    public var computePrecision: String
    /// What arithmetic ran, shortly (`int8: 5 conv, rest fp32`).
    public var ranAs: String
    public var variantSHA256: String
    /// The file this variant was built from (nil for a file as given that says nothing of it).
    public var derivedFromSHA256: String?
    public var threads: Int
    public var p50Ms: Double
    public var p90Ms: Double
    public var p99Ms: Double
    public var throughputPerSec: Double
    public var watts: Double
    public var joulesPerInference: Double
    public var dynamicJoulesPerInference: Double
    public var energySource: String
    public var energyUncertaintyPercent: Double
    public var energyFlags: [String]
    public var top1: Double?
    public var agreementWithFP32: Double?
    /// The process's peak resident memory while this variant was built, compiled and measured
    /// (the high-water mark is reset before each variant: `PeakMemory`); nil where it cannot be.
    public var peakRSSBytes: Int?
    /// CPU time of the power-sampling thread over this variant's benchmark, % of one core.
    public var samplerCPUPercent: Double?
    public var fileBytes: Int
    public var macs: Int
    public var loadMs: Double
    public var compileMs: Double
    public var idleWatts: Double
    public var latency: LatencyStats
    public var iterations: Int
    public var seconds: Double
    public var steady: Phase?
    public var steadyReached: Bool?
    public var conditions: Conditions
    public var origin: String

    /// The estimate's rough model is no measurement: a chart marks it.
    public var isEstimated: Bool { energySource == SourceKind.estimated.rawValue }
}
