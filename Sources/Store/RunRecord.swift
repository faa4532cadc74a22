import Basics
import Foundation

/// One benchmark run to store: the board as probed, the model and variant files, the numbers.
/// Written in one transaction: after a crash at any point the run is there whole or not at all.
public struct RunRecord: Sendable, Equatable {
    public var board: String?, profile: String?, architecture: String?
    /// The `hw --json` document of the board at the time.
    public var hardwareDocument: String
    /// The model file: for a variant built on the device, the FP32 file it was built from.
    public var modelName: String, modelSHA256: String, modelBytes: Int
    public var precision: Precision, computePrecision: String
    public var variantSHA256: String, variantBytes: Int, macs: Int?
    /// The file a variant was built from (nil for a file as given that says nothing of it).
    public var derivedFromSHA256: String?
    public var threads: Int, powerMode: String?
    public var p50Ms: Double, p99Ms: Double, throughputPerSec: Double
    public var watts: Double?, idleWatts: Double?, joulesPerInference: Double?, dynamicJoulesPerInference: Double?
    public var energySource: String, energyUncertaintyPercent: Double?
    /// Top-1 on the eval set and agreement with FP32's predictions, 0…1.
    public var top1: Double?, agreementWithFP32: Double?
    public var peakRSSBytes: Int?
    /// The variant's whole `bench --json` row and the run's conditions, as JSON text.
    public var resultJSON: String, conditionsJSON: String

    public init(board: String?, profile: String?, architecture: String?, hardwareDocument: String, modelName: String, modelSHA256: String,
                modelBytes: Int, precision: Precision, computePrecision: String, variantSHA256: String, variantBytes: Int, macs: Int?,
                derivedFromSHA256: String?, threads: Int, powerMode: String?, p50Ms: Double, p99Ms: Double, throughputPerSec: Double,
                watts: Double?, idleWatts: Double?, joulesPerInference: Double?, dynamicJoulesPerInference: Double?, energySource: String,
                energyUncertaintyPercent: Double?, top1: Double?, agreementWithFP32: Double?, peakRSSBytes: Int?, resultJSON: String,
                conditionsJSON: String) {
        self.board = board
        self.profile = profile
        self.architecture = architecture
        self.hardwareDocument = hardwareDocument
        self.modelName = modelName
        self.modelSHA256 = modelSHA256
        self.modelBytes = modelBytes
        self.precision = precision
        self.computePrecision = computePrecision
        self.variantSHA256 = variantSHA256
        self.variantBytes = variantBytes
        self.macs = macs
        self.derivedFromSHA256 = derivedFromSHA256
        self.threads = threads
        self.powerMode = powerMode
        self.p50Ms = p50Ms
        self.p99Ms = p99Ms
        self.throughputPerSec = throughputPerSec
        self.watts = watts
        self.idleWatts = idleWatts
        self.joulesPerInference = joulesPerInference
        self.dynamicJoulesPerInference = dynamicJoulesPerInference
        self.energySource = energySource
        self.energyUncertaintyPercent = energyUncertaintyPercent
        self.top1 = top1
        self.agreementWithFP32 = agreementWithFP32
        self.peakRSSBytes = peakRSSBytes
        self.resultJSON = resultJSON
        self.conditionsJSON = conditionsJSON
    }
}
