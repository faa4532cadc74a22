/// What really happened over a trace for the candidates a chooser ran, by the simulator's
/// semantics: a step's power is the table's central idle + rate × dynamic J/inference; its
/// latency is p99 × slowdown; it keeps up while rate × p50 × slowdown < 1 s per second.
struct Truth {
    let trace: Trace
    let window: Double
    private var watts: [Double] = []
    /// What ran at each step.
    private(set) var chosen: [String] = []
    private var sloMissSeconds = 0.0
    private var top1Seconds = 0.0
    private var lastID: String?
    private(set) var switches = 0

    init(trace: Trace, window: Double) {
        self.trace = trace
        self.window = window
    }

    static func power(_ c: Candidate, _ row: Trace.Row) -> Double { c.watts(atRate: row.rateHz, upper: false) }

    static func meetsLatency(_ c: Candidate, _ row: Trace.Row, slo: Double?) -> Bool {
        let keepsUp = row.rateHz * c.p50Ms * row.slowdown / 1000 < 1
        return keepsUp && (slo.map { c.p99Ms * row.slowdown <= $0 } ?? true)
    }

    mutating func record(_ c: Candidate, step index: Int, slo: Double?) {
        let row = trace.rows[index]
        watts.append(Self.power(c, row))
        chosen.append(c.id)
        if !Self.meetsLatency(c, row, slo: slo) { sloMissSeconds += row.duration }
        top1Seconds += (c.accuracy ?? 0) * row.duration
        if let lastID, lastID != c.id { switches += 1 }
        lastID = c.id
    }

    /// Each step: what ran and the power it drew.
    var steps: [(id: String, watts: Double)] { Array(zip(chosen, watts)) }

    func outcome(candidates: String) -> SimulationReport.Outcome {
        let total = trace.durationSeconds
        var energy = 0.0, over = 0.0, overPerStep = 0.0
        var ends: [Double] = [], cumulative: [Double] = []  // at each step's end
        for (index, row) in trace.rows.enumerated() {
            energy += watts[index] * row.duration
            ends.append(row.time + row.duration)
            cumulative.append(energy)
            let slack = row.budgetWatts * 1e-9
            if watts[index] > row.budgetWatts + slack { overPerStep += row.duration }
            if average(endingAt: index, ends: ends, cumulative: cumulative) > row.budgetWatts + slack { over += row.duration }
        }
        return .init(budgetViolationPercent: 100 * over / total, budgetViolationPercentPerStep: 100 * overPerStep / total,
                     sloViolationPercent: 100 * sloMissSeconds / total, meanTop1: top1Seconds / total, energyJoules: energy,
                     switches: switches, candidates: candidates)
    }

    /// Mean power over the `window` seconds before the end of step `index` (or since the start).
    private func average(endingAt index: Int, ends: [Double], cumulative: [Double]) -> Double {
        let end = ends[index], start = max(trace.rows[0].time, end - window)
        guard end - start > 0, window > 0 else { return watts[index] }
        var k = index
        while k > 0 && trace.rows[k].time > start { k -= 1 }
        // Energy from `start` to the end of step k-1 … index: interpolate inside step k.
        let before = k > 0 ? cumulative[k - 1] : 0
        let atStart = before + watts[k] * (start - trace.rows[k].time)
        return (cumulative[index] - atStart) / (end - start)
    }
}
