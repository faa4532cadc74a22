import Foundation
import Policy
import Store

extension DecisionRecord {
    /// A decision as the store keeps it, with its inputs (constraints, observation, how many
    /// candidates were considered and fit) as JSON.
    public init(_ decision: Decision, model: String, at date: Date, constraints: Constraints, observation: Observation) {
        struct Inputs: Encodable {
            var constraints: Constraints
            var observation: Observation
            var action: Decision.Action
            var feasible: Bool
            var considered: Int
            var feasibleCount: Int
            var predictedP99Ms: Double
            var slowdown: Double
            var remeasure: String?
        }
        var constraints = constraints
        constraints.powerModes = []  // the profile's, the same in every record
        let inputs = Inputs(constraints: constraints, observation: observation, action: decision.action, feasible: decision.feasible,
                            considered: decision.considered, feasibleCount: decision.feasibleCount, predictedP99Ms: decision.predictedP99Ms,
                            slowdown: decision.slowdown, remeasure: decision.remeasure)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let json = (try? encoder.encode(inputs)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        self.init(createdAt: date, model: model, code: decision.code.rawValue, reason: decision.reason, candidate: decision.chosen.id,
                  precision: decision.chosen.precision, threads: decision.chosen.threads, powerMode: decision.chosen.powerMode,
                  variantSHA256: decision.chosen.variantSHA256, predictedWatts: decision.predictedWatts, budgetWatts: constraints.budgetWatts,
                  rateHz: decision.rateHz, inputsJSON: json)
    }
}
