import Basics
@testable import Policy

/// A small candidate table with known trade-offs (central values; energy ±2 %):
///
///  id          top-1  p50/p99 ms  idle W  J/inf   at 40 req/s
///  fp32 ×1      95     10 / 12     3.5    0.050   5.50 W (upper 5.54)
///  fp16 ×1      95     10 / 12     3.5    0.048   5.42 W (upper 5.46)
///  int8 ×1      93      5 /  6     3.5    0.025   4.50 W (upper 4.52)
///  fp32 ×2      95      6 /  8     3.6    0.060   6.00 W (upper 6.05)
enum Table {
    static func candidate(_ variant: String, _ precision: Precision, threads: Int = 1, mode: String? = nil, p50: Double, p99: Double,
                          idle: Double = 3.5, joules: Double, uncertainty: Double = 2, top1: Double?, memory: Int? = nil) -> Candidate {
        Candidate(variant: variant, precision: precision, threads: threads, powerMode: mode, p50Ms: p50, p99Ms: p99, idleWatts: idle,
                  dynamicJoulesPerInference: joules, energyUncertaintyPercent: uncertainty, top1: top1, memoryBytes: memory)
    }

    static let fp32 = candidate("fp32", .fp32, p50: 10, p99: 12, joules: 0.050, top1: 95)
    static let fp16 = candidate("fp16", .fp16, p50: 10, p99: 12, joules: 0.048, top1: 95)
    static let int8 = candidate("int8", .int8, p50: 5, p99: 6, joules: 0.025, top1: 93)
    static let fp32x2 = candidate("fp32", .fp32, threads: 2, p50: 6, p99: 8, idle: 3.6, joules: 0.060, top1: 95)
    static let all = [fp32, fp16, int8, fp32x2]

    static func decide(_ candidates: [Candidate] = all, budget: Double, rate: Double?, slo: Double? = nil, time: Double = 0,
                       state: PolicyState = PolicyState(), slowdown: Double? = nil, settings: PolicySettings = PolicySettings(),
                       constraints: (inout Constraints) -> Void = { _ in }, observe: (inout Observation) -> Void = { _ in }) throws
        -> (decision: Decision, state: PolicyState) {
        var c = Constraints(budgetWatts: budget, sloP99Ms: slo)
        constraints(&c)
        var o = Observation(time: time, rateHz: rate, slowdown: slowdown)
        observe(&o)
        return try Policy.decide(candidates, constraints: c, observation: o, state: state, settings: settings)
    }

    /// The state of a policy that has run `id` since `since`.
    static func running(_ candidate: Candidate, since: Double = 0) -> PolicyState { PolicyState(active: candidate.id, activeSince: since) }
}
