import Foundation

/// Stage 7 — the policy: which candidate (variant × threads × power mode) should run on this
/// board now. Pure: values in, a decision and its reason out; no I/O and no clock (the caller
/// passes the time), so it is tested with tables and replayed by the simulator.
///
/// Objective: the highest accuracy that meets every constraint, then the least energy. Power at
/// the observed rate r is predicted as idle + r × dynamic J/inference: at the upper end of its
/// uncertainty to check the budget (so it holds), at the central value to rank by energy;
/// latency is the measured one times the observed slowdown.
/// When nothing fits, the least-violating candidate runs and the decision says so. A violated
/// constraint moves down at once; a better candidate is taken only after the dwell time and with
/// headroom (hysteresis), so a budget oscillating around a threshold does not flap the choice.
/// Modes that need a reboot, other modes when switching is not allowed, candidates over the
/// memory limit or below the accuracy floor are never chosen.
public enum Policy {
    public static func decide(_ candidates: [Candidate], constraints: Constraints, observation: Observation, state: PolicyState,
                              settings: PolicySettings = PolicySettings()) throws(PolicyError) -> (decision: Decision, state: PolicyState) {
        try check(constraints, observation)
        let (allowed, refused) = Eligibility.split(candidates, constraints)
        guard !allowed.isEmpty else {
            throw PolicyError(.noCandidates, candidates.isEmpty ? "no candidates: nothing has been measured on this board"
                : "no candidate is allowed: " + refused.map { "\($0.candidate.id): \($0.why)" }.joined(separator: "; "))
        }
        let rate = max(0, observation.rateHz ?? 0), slowdown = max(1, observation.slowdown ?? 1)
        let assessed = allowed.map { Assessment($0, rateHz: rate, slowdown: slowdown, constraints: constraints) }
        let feasible = assessed.filter(\.feasible).sorted { $0.ranksAbove($1) }
        let leastViolating = assessed.min { ($0.excess, $0.expectedWatts) < ($1.excess, $1.expectedWatts) }!
        let current = state.active.flatMap { id in assessed.first { $0.candidate.id == id } }
        let thermal = Thermal(observation, margin: settings.thermalMarginC)
        let context = Context(constraints: constraints, rate: rate, settings: settings)

        var step: Step
        if let current {
            step = next(from: current, feasible: feasible, leastViolating: leastViolating, thermal: thermal, since: state.activeSince,
                        blind: state.chosenBlind, now: observation.time, context)
        } else if let id = state.active, let gone = refused.first(where: { $0.candidate.id == id }) {
            let target = feasible.first ?? leastViolating
            step = Step(target, .switchDown, feasible.isEmpty ? .nothingFits : .notAllowed,
                        "\(id) is no longer allowed (\(gone.why)): moved to \(context.describe(target))")
        } else if let best = feasible.first {
            step = Step(best, .start, .initial, "first choice: \(context.describe(best)), the most accurate candidate that fits")
        } else {
            step = Step(leastViolating, .start, .nothingFits, context.nothingFits(leastViolating))
        }

        var newState = state
        if newState.active != step.target.candidate.id {
            newState.active = step.target.candidate.id
            newState.activeSince = observation.time
            newState.chosenBlind = observation.rateHz == nil
        } else if observation.rateHz != nil {
            newState.chosenBlind = false
        }
        let remeasure = Drift.check(observation, settings: settings, state: &newState)
        let decision = Decision(chosen: step.target.candidate, action: step.action, code: step.code, reason: step.reason,
                                feasible: step.target.feasible, rateHz: rate, slowdown: slowdown, predictedWatts: step.target.watts,
                                predictedP99Ms: step.target.p99Ms, remeasure: remeasure, considered: assessed.count, feasibleCount: feasible.count)
        return (decision, newState)
    }

    /// The move from a running candidate.
    /// `blind`: the running candidate was chosen before any rate was seen, so the first observed
    /// rate may replace it without waiting for the dwell time.
    private static func next(from current: Assessment, feasible: [Assessment], leastViolating: Assessment, thermal: Thermal, since: Double,
                             blind: Bool, now: Double, _ context: Context) -> Step {
        let settings = context.settings
        guard current.feasible else {
            guard let best = feasible.first else {
                // Among equally violating candidates the running one stays (no move for nothing).
                return current.excess <= leastViolating.excess + 1e-9
                    ? Step(current, .keep, .nothingFits, context.nothingFits(current))
                    : Step(leastViolating, .switchDown, .nothingFits, context.nothingFits(leastViolating))
            }
            let code: Decision.Code = switch current.over[0].limit {
            case .budget: .budgetViolated
            case .slo: .sloViolated
            case .keepUp: .cannotKeepUp
            }
            return Step(best, .switchDown, code, "\(current.candidate.id): \(current.describeOver(context.constraints)) at "
                + "\(Format.fixed(context.rate, 1)) req/s: moved to \(context.describe(best))")
        }
        if thermal.level == .atTrip, let coolest = feasible.min(by: { $0.expectedWatts < $1.expectedWatts }), coolest.expectedWatts < current.expectedWatts {
            return Step(coolest, .switchDown, .thermalTrip, "\(thermal.text): moved to the least-power candidate that fits, \(context.describe(coolest))")
        }
        guard let best = feasible.first, best.candidate.id != current.candidate.id, best.ranksAbove(current) else {
            return Step(current, .keep, .best, "\(context.describe(current)) is still the best that fits")
        }
        if thermal.level != .normal && best.expectedWatts > current.expectedWatts {
            return Step(current, .keep, .thermalHold, "\(thermal.text): not moving to \(best.candidate.id), which draws more")
        }
        guard let target = feasible.first(where: { $0.ranksAbove(current) && $0.hasHeadroom(settings.headroomPercent, context.constraints) }) else {
            return Step(current, .keep, .noHeadroom, "\(best.candidate.id) would be better but leaves less than "
                + "\(Format.fixed(settings.headroomPercent, 0)) % headroom (\(context.describe(best)))")
        }
        let higher = (target.candidate.accuracy ?? -1) > (current.candidate.accuracy ?? -1) + 1e-9
        let dwell = higher || target.expectedWatts >= current.expectedWatts ? settings.dwellSeconds : settings.savingDwellSeconds
        if !blind && now - since < dwell {
            return Step(current, .keep, .dwell, "\(target.candidate.id) would be better, but \(current.candidate.id) has run "
                + "\(Format.fixed(now - since, 1)) s of the \(Format.fixed(dwell, 0)) s dwell")
        }
        if !higher && target.expectedWatts > current.expectedWatts * (1 - settings.minimumSavingPercent / 100) {
            return Step(current, .keep, .smallSaving, "\(target.candidate.id) saves only "
                + "\(Format.fixed(max(0, 100 * (1 - target.expectedWatts / current.expectedWatts)), 1)) % power (< \(Format.fixed(settings.minimumSavingPercent, 0)) %)")
        }
        let when = blind ? "with the first observed request rate" : "after \(Format.fixed(now - since, 0)) s"
        return Step(target, .switchUp, higher ? .higherAccuracy : .lessEnergy, "\(when), with headroom: moved to "
            + "\(context.describe(target)) from \(context.describe(current))")
    }

    private static func check(_ constraints: Constraints, _ observation: Observation) throws(PolicyError) {
        guard constraints.budgetWatts.isFinite, constraints.budgetWatts > 0 else {
            throw PolicyError(.input, "power budget \(constraints.budgetWatts) W: must be a positive number")
        }
        if let slo = constraints.sloP99Ms, !(slo.isFinite && slo > 0) { throw PolicyError(.input, "p99 SLO \(slo) ms: must be a positive number") }
        if let drop = constraints.maxAccuracyDropPoints, !(drop.isFinite && drop >= 0) {
            throw PolicyError(.input, "maximum accuracy drop \(drop) points: must be ≥ 0")
        }
        guard observation.time.isFinite else { throw PolicyError(.input, "observation time \(observation.time): not a number") }
        if let rate = observation.rateHz, !(rate.isFinite && rate >= 0) { throw PolicyError(.input, "observed rate \(rate)/s: must be ≥ 0") }
        if let slowdown = observation.slowdown, !(slowdown.isFinite && slowdown > 0) {
            throw PolicyError(.input, "observed slowdown \(slowdown): must be a positive number")
        }
    }

    struct Step {
        var target: Assessment
        var action: Decision.Action
        var code: Decision.Code
        var reason: String
        init(_ target: Assessment, _ action: Decision.Action, _ code: Decision.Code, _ reason: String) {
            self.target = target
            self.action = action
            self.code = code
            self.reason = reason
        }
    }

    struct Context {
        var constraints: Constraints
        var rate: Double
        var settings: PolicySettings

        /// `int8 ×1 @15W (top-1 95.00 %, 7.80 W (upper) predicted at 20.0 req/s, budget 9.00 W)`.
        func describe(_ a: Assessment) -> String {
            let accuracy = a.candidate.top1.map { "top-1 \(Format.fixed($0, 2)) %, " }
                ?? a.candidate.agreementWithFP32.map { "agreement \(Format.fixed($0, 2)) %, " } ?? ""
            return "\(a.candidate.id) (\(accuracy)\(Format.watts(a.watts)) (upper) predicted at \(Format.fixed(rate, 1)) req/s, budget "
                + "\(Format.watts(constraints.budgetWatts)))"
        }

        func nothingFits(_ a: Assessment) -> String {
            "no candidate meets every constraint at \(Format.fixed(rate, 1)) req/s: running the least-violating, \(a.candidate.id) "
                + "(\(a.describeOver(constraints)))"
        }
    }
}
