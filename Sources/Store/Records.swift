import Foundation

/// One benchmark run to store: the board as probed, the model and variant files, the numbers.
/// Written in one transaction: after a crash at any point the run is there whole or not at all.
public struct RunRecord: Sendable, Equatable {
    public var board: String?, profile: String?, architecture: String?
    /// The `hw --json` document of the board at the time.
    public var hardwareDocument: String
    public var modelName: String, modelSHA256: String, modelBytes: Int
    public var precision: String, computePrecision: String
    public var variantSHA256: String, variantBytes: Int, macs: Int?
    public var p50Ms: Double, p99Ms: Double, throughputPerSec: Double
    public var watts: Double?, joulesPerInference: Double?, dynamicJoulesPerInference: Double?
    public var energySource: String, energyUncertaintyPercent: Double?
    public var top1: Double?
    /// The variant's whole `bench --json` row and the run's conditions, as JSON text.
    public var resultJSON: String, conditionsJSON: String

    public init(board: String?, profile: String?, architecture: String?, hardwareDocument: String, modelName: String, modelSHA256: String,
                modelBytes: Int, precision: String, computePrecision: String, variantSHA256: String, variantBytes: Int, macs: Int?,
                p50Ms: Double, p99Ms: Double, throughputPerSec: Double, watts: Double?, joulesPerInference: Double?,
                dynamicJoulesPerInference: Double?, energySource: String, energyUncertaintyPercent: Double?, top1: Double?,
                resultJSON: String, conditionsJSON: String) {
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
        self.p50Ms = p50Ms
        self.p99Ms = p99Ms
        self.throughputPerSec = throughputPerSec
        self.watts = watts
        self.joulesPerInference = joulesPerInference
        self.dynamicJoulesPerInference = dynamicJoulesPerInference
        self.energySource = energySource
        self.energyUncertaintyPercent = energyUncertaintyPercent
        self.top1 = top1
        self.resultJSON = resultJSON
        self.conditionsJSON = conditionsJSON
    }
}

/// A stored run as `edgepilot results` lists it.
public struct StoredRun: Sendable, Codable, Equatable {
    public var id: Int64
    public var createdAt: Date
    public var board: String?
    public var model: String
    public var precision: String
    public var computePrecision: String
    public var p50Ms: Double, p99Ms: Double, throughputPerSec: Double
    public var watts: Double?, joulesPerInference: Double?, dynamicJoulesPerInference: Double?
    public var energySource: String
    public var energyUncertaintyPercent: Double?
    public var top1: Double?
}
