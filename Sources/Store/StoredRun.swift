import Basics
import Foundation

/// A stored run as `edgepilot results` lists it and the policy's candidates are made of.
public struct StoredRun: Sendable, Codable, Equatable {
    public var id: Int64
    public var createdAt: Date
    public var board: String?
    public var profile: String?
    public var model: String
    public var precision: Precision
    public var computePrecision: String
    public var variantSHA256: String
    public var derivedFromSHA256: String?
    public var threads: Int?
    public var powerMode: String?
    public var p50Ms: Double, p99Ms: Double, throughputPerSec: Double
    public var watts: Double?, idleWatts: Double?, joulesPerInference: Double?, dynamicJoulesPerInference: Double?
    public var energySource: String
    public var energyUncertaintyPercent: Double?
    public var top1: Double?
    public var agreementWithFP32: Double?
    public var peakRSSBytes: Int?
}
