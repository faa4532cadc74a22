import Foundation

/// A candidate as the policy sees it now: its predicted watts at the observed rate — the upper
/// end of the uncertainty for the budget, the central value for "least energy" — its p99 and
/// load under the observed slowdown, and the limits it breaks.
struct Assessment {
    enum Limit: String { case budget, slo, keepUp }

    let candidate: Candidate
    /// Upper end: what must fit the budget.
    let watts: Double
    /// Central: what the board is expected to draw, which the objective minimises.
    let expectedWatts: Double
    let p99Ms: Double
    /// Share of each second spent inferring: rate × p50 × slowdown (≥ 1: it cannot keep up).
    let load: Double
    /// Each broken limit with how far over it is (relative: 0.1 = 10 % over).
    let over: [(limit: Limit, by: Double)]

    init(_ candidate: Candidate, rateHz: Double, slowdown: Double, constraints: Constraints) {
        self.candidate = candidate
        watts = candidate.watts(atRate: rateHz, upper: true)
        expectedWatts = candidate.watts(atRate: rateHz, upper: false)
        p99Ms = candidate.p99Ms * slowdown
        load = rateHz * candidate.p50Ms * slowdown / 1000
        var over: [(Limit, Double)] = []
        if watts > constraints.budgetWatts { over.append((.budget, watts / constraints.budgetWatts - 1)) }
        if let slo = constraints.sloP99Ms, p99Ms > slo { over.append((.slo, p99Ms / slo - 1)) }
        if load >= 1 { over.append((.keepUp, load - 1 + 1e-6)) }
        self.over = over
    }

    var feasible: Bool { over.isEmpty }
    /// The sum of relative excesses: what "least violating" minimises.
    var excess: Double { over.map(\.by).reduce(0, +) }

    /// Inside every limit by `percent`.
    func hasHeadroom(_ percent: Double, _ constraints: Constraints) -> Bool {
        let keep = 1 - percent / 100
        return watts <= constraints.budgetWatts * keep && (constraints.sloP99Ms.map { p99Ms <= $0 * keep } ?? true) && load <= keep
    }

    /// Ranked by the objective: higher accuracy (unknown lowest), then fewer expected watts, then
    /// less energy per inference (what decides when no request has been seen yet), then fewer
    /// threads, then the id (so ties always break the same way).
    func ranksAbove(_ other: Assessment) -> Bool {
        let a = candidate.accuracy ?? -1, b = other.candidate.accuracy ?? -1
        if abs(a - b) > 1e-9 { return a > b }
        if abs(expectedWatts - other.expectedWatts) > 1e-12 { return expectedWatts < other.expectedWatts }
        let (x, y) = (candidate.dynamicJoulesPerInference, other.candidate.dynamicJoulesPerInference)
        if abs(x - y) > 1e-15 { return x < y }
        if candidate.threads != other.candidate.threads { return candidate.threads < other.candidate.threads }
        return candidate.id < other.candidate.id
    }

    /// "predicted 9.4 W (upper) > budget 9.0 W", for reasons.
    func describeOver(_ constraints: Constraints) -> String {
        over.map { limit, _ in
            switch limit {
            case .budget: return Format.watts(watts) + " (upper) over the " + Format.watts(constraints.budgetWatts) + " budget"
            case .slo: return "p99 " + Format.ms(p99Ms) + " over the " + Format.ms(constraints.sloP99Ms ?? 0) + " SLO"
            case .keepUp: return "load " + Format.fixed(load, 2) + ": cannot keep up with the request rate"
            }
        }.joined(separator: ", ")
    }
}

/// Numbers as reasons print them.
enum Format {
    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    static func watts(_ value: Double) -> String { fixed(value, 2) + " W" }
    static func ms(_ value: Double) -> String { fixed(value, 2) + " ms" }
}
