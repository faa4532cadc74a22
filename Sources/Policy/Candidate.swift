import Basics

/// One thing the policy can choose: a variant at a thread count in a power mode, with what was
/// measured of it on this board. Accuracies are in percent (0…100).
public struct Candidate: Sendable, Equatable, Codable {
    /// The variant's label (`fp32`, `int8`, `ppocr int8 #1a2b3c4d`).
    public var variant: String
    public var precision: Precision
    public var threads: Int
    /// The power mode it was measured in (nil: the board has no modes).
    public var powerMode: String?
    public var p50Ms: Double
    public var p99Ms: Double
    /// Board power with nothing running, in this mode.
    public var idleWatts: Double
    /// What one inference adds to the board's energy, and the uncertainty of that figure (%).
    public var dynamicJoulesPerInference: Double
    public var energyUncertaintyPercent: Double
    /// Top-1 on the device's eval set, and agreement with the FP32 variant's predictions.
    public var top1: Double?
    public var agreementWithFP32: Double?
    public var memoryBytes: Int?
    /// The variant's file, when known (links a decision to the stored runs).
    public var variantSHA256: String?

    public init(variant: String, precision: Precision, threads: Int, powerMode: String?, p50Ms: Double, p99Ms: Double, idleWatts: Double,
                dynamicJoulesPerInference: Double, energyUncertaintyPercent: Double, top1: Double?, agreementWithFP32: Double? = nil,
                memoryBytes: Int? = nil, variantSHA256: String? = nil) {
        self.variant = variant
        self.precision = precision
        self.threads = threads
        self.powerMode = powerMode
        self.p50Ms = p50Ms
        self.p99Ms = p99Ms
        self.idleWatts = idleWatts
        self.dynamicJoulesPerInference = dynamicJoulesPerInference
        self.energyUncertaintyPercent = energyUncertaintyPercent
        self.top1 = top1
        self.agreementWithFP32 = agreementWithFP32
        self.memoryBytes = memoryBytes
        self.variantSHA256 = variantSHA256
    }

    /// `int8 ×2 @15W`: unique within a table (variant, threads, mode).
    public var id: String { "\(variant) ×\(threads)" + (powerMode.map { " @\($0)" } ?? "") }

    /// The accuracy the policy ranks by: top-1 where measured, else agreement with FP32.
    public var accuracy: Double? { top1 ?? agreementWithFP32 }

    /// Board power at `rateHz` requests per second: idle + rate × dynamic J/inference, with the
    /// dynamic part at the upper end of its uncertainty when `upper` (so a budget holds).
    public func watts(atRate rateHz: Double, upper: Bool) -> Double {
        idleWatts + rateHz * dynamicJoulesPerInference * (upper ? 1 + max(0, energyUncertaintyPercent) / 100 : 1)
    }
}
