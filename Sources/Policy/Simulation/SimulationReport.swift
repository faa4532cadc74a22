/// What `edgepilot simulate` prints (`--json`: these keys; docs/simulate.md): the policy's
/// outcome over the trace, the oracle's, and each single-knob baseline's.
public struct SimulationReport: Sendable, Codable, Equatable {
    /// One chooser's outcome over the whole trace.
    public struct Outcome: Sendable, Codable, Equatable {
        /// Share of time the true average power over the budget window exceeded the budget, %.
        public var budgetViolationPercent: Double
        /// The same with no averaging: share of time a step's own power exceeded the budget, %.
        public var budgetViolationPercentPerStep: Double
        /// Share of time the true p99 exceeded the SLO or the chosen candidate could not keep up, %.
        public var sloViolationPercent: Double
        /// Time-weighted mean top-1 of what ran, %.
        public var meanTop1: Double
        /// Energy of the board over the trace (idle included), J.
        public var energyJoules: Double
        /// How many times the chosen candidate changed.
        public var switches: Int
        /// Which candidates it may choose from (baselines restrict the table), in words.
        public var candidates: String
    }

    public var budgetViolationPercent: Double
    public var budgetViolationPercentPerStep: Double
    public var sloViolationPercent: Double
    public var meanTop1: Double
    public var oracleMeanTop1: Double
    public var energyJoules: Double
    public var oracleEnergyJoules: Double
    public var switches: Int
    public var oracle: Outcome
    /// `variantOnly` (variants and threads at the highest power mode) and `powerModeOnly` (power
    /// modes and threads with the FP32 variant); absent when the table gives it nothing to choose.
    public var baselines: [String: Outcome]
    public var durationSeconds: Double
    public var steps: Int
    /// The policy's decisions by reason code, and how often it asked for a re-measurement.
    public var decisions: [String: Int]
    public var remeasureRequests: Int
    /// Candidates never chosen because of a rule (a mode needing a reboot, the accuracy floor, …).
    public var excluded: [String]
    public var budgetWindowSeconds: Double
    public var settings: PolicySettings
    /// Step by step (with `Simulator.Settings.timeline`): what the policy and the oracle ran.
    public var timeline: [Step]?

    public struct Step: Sendable, Codable, Equatable {
        public var time: Double
        public var policy: String
        public var policyWatts: Double
        public var decision: String
        public var oracle: String
        public var oracleWatts: Double
    }

    init(policy: Outcome, oracle: Outcome, baselines: [String: Outcome], durationSeconds: Double, steps: Int, decisions: [String: Int],
         remeasureRequests: Int, excluded: [String], budgetWindowSeconds: Double, settings: PolicySettings) {
        budgetViolationPercent = policy.budgetViolationPercent
        budgetViolationPercentPerStep = policy.budgetViolationPercentPerStep
        sloViolationPercent = policy.sloViolationPercent
        meanTop1 = policy.meanTop1
        oracleMeanTop1 = oracle.meanTop1
        energyJoules = policy.energyJoules
        oracleEnergyJoules = oracle.energyJoules
        switches = policy.switches
        self.oracle = oracle
        self.baselines = baselines
        self.durationSeconds = durationSeconds
        self.steps = steps
        self.decisions = decisions
        self.remeasureRequests = remeasureRequests
        self.excluded = excluded
        self.budgetWindowSeconds = budgetWindowSeconds
        self.settings = settings
    }

    public var policy: Outcome {
        Outcome(budgetViolationPercent: budgetViolationPercent, budgetViolationPercentPerStep: budgetViolationPercentPerStep,
                sloViolationPercent: sloViolationPercent, meanTop1: meanTop1, energyJoules: energyJoules, switches: switches,
                candidates: oracle.candidates)
    }
}
