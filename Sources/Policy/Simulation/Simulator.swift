import Basics

/// `edgepilot simulate`: replays a trace with the policy deciding at each step from what it
/// could know (the rate and slowdown of the previous step, the table with its uncertainty, the
/// budget and SLO in force), with an oracle that knows the whole trace and picks per step the
/// feasible candidate of highest top-1 then least power (least power when none is feasible),
/// and with two single-knob baselines run by the same policy on part of the table:
/// `variantOnly` (variants and threads at the highest power mode) and `powerModeOnly` (modes and
/// threads with the FP32 variant). Every chooser is scored by the same `Truth`.
public enum Simulator {
    public struct Settings: Sendable, Equatable {
        public var policy: PolicySettings
        /// The SLO where the trace has no `slo_p99_ms` (nil: none).
        public var sloP99Ms: Double?
        public var maxAccuracyDropPoints: Double?
        /// The board's modes (nominal watts, which need a reboot), from its profile.
        public var powerModes: [PowerModeSpec]
        public var allowPowerModeSwitching: Bool
        /// The mode the board is in (only it is allowed when switching is not).
        public var currentPowerMode: String?
        /// The budget is an average over this many seconds (0: every step on its own).
        public var budgetWindowSeconds: Double
        /// Keep every step's choices in the report.
        public var timeline = false

        public init(policy: PolicySettings = .init(), sloP99Ms: Double? = nil, maxAccuracyDropPoints: Double? = nil,
                    powerModes: [PowerModeSpec] = [], allowPowerModeSwitching: Bool = true, currentPowerMode: String? = nil,
                    budgetWindowSeconds: Double = 10) {
            self.policy = policy
            self.sloP99Ms = sloP99Ms
            self.maxAccuracyDropPoints = maxAccuracyDropPoints
            self.powerModes = powerModes
            self.allowPowerModeSwitching = allowPowerModeSwitching
            self.currentPowerMode = currentPowerMode
            self.budgetWindowSeconds = budgetWindowSeconds
        }
    }

    public static func run(_ trace: Trace, candidates: [Candidate], settings: Settings = Settings()) throws(PolicyError) -> SimulationReport {
        guard settings.budgetWindowSeconds.isFinite, settings.budgetWindowSeconds >= 0 else {
            throw PolicyError(.input, "budget window \(settings.budgetWindowSeconds) s: must be ≥ 0")
        }
        let (allowed, refused) = Eligibility.split(candidates, constraints(trace.rows[0], settings))
        var decisions: [String: Int] = [:], codes: [String] = []
        var remeasures = 0
        let policyTruth = try replay(trace, candidates, settings) { decision in
            decisions[decision.code.rawValue, default: 0] += 1
            codes.append(decision.code.rawValue)
            if decision.remeasure != nil { remeasures += 1 }
        }
        let oracleTruth = try oracle(trace, candidates, settings)
        let policy = policyTruth.outcome(candidates: "all \(allowed.count) allowed of \(candidates.count)")
        let oracle = oracleTruth.outcome(candidates: policy.candidates)

        var baselines: [String: SimulationReport.Outcome] = [:]
        if let mode = highestMode(allowed, settings.powerModes) {
            let part = candidates.filter { $0.powerMode == mode }
            if part.count < allowed.count, (try? Eligibility.split(part, constraints(trace.rows[0], settings)).allowed.isEmpty) == false {
                baselines["variantOnly"] = try replay(trace, part, settings).outcome(candidates: "variants and threads at \(mode)")
            }
        } else if Set(allowed.map(\.variant)).count > 1 && !allowed.contains(where: { $0.powerMode != nil }) {
            baselines["variantOnly"] = policy  // a board without modes: the variant is the only knob besides threads
        }
        let fp32 = candidates.filter { $0.precision == .fp32 }
        if !Eligibility.split(fp32, constraints(trace.rows[0], settings)).allowed.isEmpty && fp32.count < candidates.count {
            baselines["powerModeOnly"] = try replay(trace, fp32, settings).outcome(candidates: "power modes and threads with FP32")
        }
        var report = SimulationReport(policy: policy, oracle: oracle, baselines: baselines, durationSeconds: trace.durationSeconds,
                                      steps: trace.rows.count, decisions: decisions, remeasureRequests: remeasures,
                                      excluded: refused.map { "\($0.candidate.id): \($0.why)" }, budgetWindowSeconds: settings.budgetWindowSeconds,
                                      settings: settings.policy)
        if settings.timeline {
            report.timeline = zip(trace.rows, zip(zip(policyTruth.steps, codes), oracleTruth.steps)).map { row, pair in
                let ((policy, code), oracle) = pair
                return .init(time: row.time, policy: policy.id, policyWatts: policy.watts, decision: code, oracle: oracle.id, oracleWatts: oracle.watts)
            }
        }
        return report
    }

    static func constraints(_ row: Trace.Row, _ settings: Settings) -> Constraints {
        Constraints(budgetWatts: row.budgetWatts, sloP99Ms: row.sloP99Ms ?? settings.sloP99Ms, maxAccuracyDropPoints: settings.maxAccuracyDropPoints,
                    allowPowerModeSwitching: settings.allowPowerModeSwitching, powerModes: settings.powerModes,
                    currentPowerMode: settings.currentPowerMode)
    }

    /// The policy over the trace: at step i it sees the rate and slowdown of step i − 1.
    static func replay(_ trace: Trace, _ candidates: [Candidate], _ settings: Settings,
                       onDecision: (Decision) -> Void = { _ in }) throws(PolicyError) -> Truth {
        var truth = Truth(trace: trace, window: settings.budgetWindowSeconds)
        var state = PolicyState()
        for (index, row) in trace.rows.enumerated() {
            let previous = index > 0 ? trace.rows[index - 1] : nil
            let observation = Observation(time: row.time, rateHz: previous?.rateHz, slowdown: previous?.slowdown)
            let constraints = constraints(row, settings)
            let (decision, next) = try Policy.decide(candidates, constraints: constraints, observation: observation, state: state,
                                                     settings: settings.policy)
            state = next
            onDecision(decision)
            truth.record(decision.chosen, step: index, slo: constraints.sloP99Ms)
        }
        return truth
    }

    /// Knows every step: the feasible candidate of highest top-1, then least power; else least power.
    static func oracle(_ trace: Trace, _ candidates: [Candidate], _ settings: Settings) throws(PolicyError) -> Truth {
        var truth = Truth(trace: trace, window: settings.budgetWindowSeconds)
        for (index, row) in trace.rows.enumerated() {
            let constraints = constraints(row, settings)
            let allowed = Eligibility.split(candidates, constraints).allowed
            guard !allowed.isEmpty else { throw PolicyError(.noCandidates, "no candidate is allowed") }
            let feasible = allowed.filter { Truth.power($0, row) <= row.budgetWatts && Truth.meetsLatency($0, row, slo: constraints.sloP99Ms) }
            let choice = feasible.min { a, b in
                let (x, y) = (a.accuracy ?? -1, b.accuracy ?? -1)
                return abs(x - y) > 1e-9 ? x > y : Truth.power(a, row) < Truth.power(b, row)
            } ?? allowed.min { Truth.power($0, row) < Truth.power($1, row) }!
            truth.record(choice, step: index, slo: constraints.sloP99Ms)
        }
        return truth
    }

    /// The highest allowed power mode: by nominal watts from the profile (an uncapped mode such
    /// as MAXN is highest), else by the idle watts measured in it.
    static func highestMode(_ allowed: [Candidate], _ modes: [PowerModeSpec]) -> String? {
        let names = Set(allowed.compactMap(\.powerMode))
        guard names.count > 1 else { return nil }
        func rank(_ name: String) -> Double {
            if let spec = modes.first(where: { $0.name == name }) { return spec.nominalWatts ?? .infinity }
            return allowed.filter { $0.powerMode == name }.map(\.idleWatts).max() ?? 0
        }
        return names.max { (rank($0), $0) < (rank($1), $1) }
    }
}
