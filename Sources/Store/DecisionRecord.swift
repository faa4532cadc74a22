import Basics
import Foundation

/// One decision of the policy as the store keeps it: when, for which model, what was chosen and
/// why, the watts it was predicted to draw against the budget, and the inputs it saw (JSON).
public struct DecisionRecord: Sendable, Codable, Equatable {
    public var id: Int64?
    public var createdAt: Date
    public var model: String
    /// The reason's code (`switchDown`, `hold`, `nothingFits`, …) and its sentence.
    public var code: String
    public var reason: String
    /// The chosen candidate: variant label, precision, threads, power mode.
    public var candidate: String
    public var precision: Precision
    public var threads: Int
    public var powerMode: String?
    /// The chosen variant's file, when it is one the store knows (links the decision to its runs).
    public var variantSHA256: String?
    public var predictedWatts: Double
    public var budgetWatts: Double
    public var rateHz: Double
    /// A summary of the inputs (constraints, observation, the candidates considered), as JSON text.
    public var inputsJSON: String

    public init(id: Int64? = nil, createdAt: Date, model: String, code: String, reason: String, candidate: String, precision: Precision,
                threads: Int, powerMode: String?, variantSHA256: String?, predictedWatts: Double, budgetWatts: Double, rateHz: Double,
                inputsJSON: String) {
        self.id = id
        self.createdAt = createdAt
        self.model = model
        self.code = code
        self.reason = reason
        self.candidate = candidate
        self.precision = precision
        self.threads = threads
        self.powerMode = powerMode
        self.variantSHA256 = variantSHA256
        self.predictedWatts = predictedWatts
        self.budgetWatts = budgetWatts
        self.rateHz = rateHz
        self.inputsJSON = inputsJSON
    }
}
