/// The policy's answer: the candidate to run, what that means for the budget, and why.
public struct Decision: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable {
        /// The first choice.
        case start
        case keep
        /// A constraint is violated (or about to be): moved at once.
        case switchDown
        /// A better candidate, after the dwell time and with headroom.
        case switchUp
    }

    /// Why, as a code a log or a metric can count; `reason` says it in words with the numbers.
    public enum Code: String, Sendable, Codable, CaseIterable {
        case initial, best
        case budgetViolated, sloViolated, cannotKeepUp, notAllowed
        case higherAccuracy, lessEnergy
        case dwell, noHeadroom, smallSaving, thermalHold, thermalTrip
        case nothingFits
    }

    public var chosen: Candidate
    public var action: Action
    public var code: Code
    public var reason: String
    /// Whether the chosen candidate meets every constraint (false: the least-violating one).
    public var feasible: Bool
    /// The rate and slowdown the prediction used, and what it predicts for the chosen candidate:
    /// watts at the upper end of the energy uncertainty, p99 latency.
    public var rateHz: Double
    public var slowdown: Double
    public var predictedWatts: Double
    public var predictedP99Ms: Double
    /// Set when the observed latency has drifted from the measured one long enough that the
    /// candidates should be measured again (throttling, a new power mode).
    public var remeasure: String?
    /// How many candidates were considered and how many met every constraint.
    public var considered: Int
    public var feasibleCount: Int
}
