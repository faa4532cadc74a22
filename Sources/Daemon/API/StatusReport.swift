import Basics
import Foundation
import Policy

/// `GET /v1/status`: the board, the budget in force, and per model what runs and why.
public struct StatusReport: Codable, Sendable {
    public struct Model: Codable, Sendable {
        public var name: String
        /// For a model pulled from a manifest: the version serving, and what became of the last new one.
        public var version: Int?
        public var versionNote: String?
        public var phase: DaemonState.Phase
        public var failure: String?
        public var active: String?
        public var precision: Precision?
        public var threads: Int?
        public var pinned: String?
        public var candidates: Int
        public var waitingRequests: Int
        public var predictedWatts: Double?
        public var lastDecision: LastDecision?
    }

    public struct LastDecision: Codable, Sendable {
        public var at: Date
        public var code: Decision.Code
        public var reason: String
        public var feasible: Bool
        public var rateHz: Double
        public var remeasure: String?
    }

    public var version: String
    public var board: String?
    public var profile: String?
    public var powerMode: String?
    /// The last run of nvpmodel: command, modes, outcome (and why it failed).
    public var lastPowerModeSwitch: String?
    public var budgetWatts: Double
    public var budgetSource: String
    public var sloP99Ms: Double?
    /// Board power over the last second from the daemon's energy source, and that source.
    public var measuredWatts: Double?
    public var energySource: String
    public var models: [Model]
}
