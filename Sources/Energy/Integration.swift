/// Energy over a window from samples: trapezoid rule over power (edges interpolated linearly
/// between the samples either side), or the difference of an energy counter with each step
/// taken modulo its wrap (BOARDS.md §9.6: delta = (e2 − e1) mod (max + 1)).
///
/// Uncertainty: the sensor's resolution held over the window (a systematic bound), plus for
/// power the trapezoid error estimated by Richardson's rule, |T(h) − T(2h)| / 3, and for
/// counters the linear interpolation at the two edges (|ΔP| · interval / 4 each).
public enum Integration {
    public static func window(_ all: [Sample], from start: UInt64, to end: UInt64, source: any PowerSource) -> EnergyWindow {
        var flags: [String] = []
        let seconds = Double(end &- start) / 1e9
        let failures = all.filter { $0.failure != nil && $0.time >= start && $0.time <= end }
        if let last = failures.last?.failure {
            flags.append("rail read failed \(failures.count) time(s) in the window (last: \(last))")
        }
        let good = all.filter { $0.reading != nil }
        // The window's samples plus the nearest one on each side.
        let firstIndex = good.lastIndex { $0.time <= start } ?? 0
        let lastIndex = good.firstIndex { $0.time >= end } ?? (good.count - 1)
        var result = EnergyWindow(joules: 0, meanWatts: 0, seconds: seconds, samples: 0, intervalMs: 0, source: source.kind,
                                  sourceDescription: source.description, uncertaintyJoules: 0, uncertaintyPercent: 0, flags: flags)
        guard end > start, good.count >= 2, firstIndex < lastIndex else {
            result.flags.append(end > start ? "fewer than 2 good samples around the window" : "empty window")
            return result
        }
        let used = Array(good[firstIndex...lastIndex])
        if used[0].time > start { result.flags.append("window starts before the first sample (edge held)") }
        if used[used.count - 1].time < end { result.flags.append("window ends after the last sample (edge held)") }
        result.samples = used.count
        result.intervalMs = Double(used[used.count - 1].time - used[0].time) / 1e6 / Double(used.count - 1)

        var uncertainty = source.resolutionMilliwatts / 1000 * seconds
        switch used[0].reading! {
        case .milliwatts:
            let points = edgeClipped(used.map { (Double($0.time), power($0)) }, start: Double(start), end: Double(end))
            result.joules = trapezoid(points) / 1e12  // mW · ns
            if points.count >= 3 {
                let coarse = points.enumerated().filter { $0.offset % 2 == 0 || $0.offset == points.count - 1 }.map(\.element)
                uncertainty += abs(result.joules - trapezoid(coarse) / 1e12) / 3
            }
        case .microjoules:
            let counter = counterWindow(used, start: Double(start), end: Double(end), intervalSeconds: result.intervalMs / 1000)
            result.joules = counter.joules
            result.flags += counter.flags
            uncertainty += counter.uncertainty
        }
        result.meanWatts = result.joules / seconds
        result.uncertaintyJoules = uncertainty
        result.uncertaintyPercent = result.joules > 0 ? 100 * uncertainty / result.joules : 0
        return result
    }

    /// Counter samples → joules over [start, end] (edges interpolated on the unwrapped counter),
    /// the edge-interpolation uncertainty, and a flag for steps no board draws (> 1 kW).
    static func counterWindow(_ used: [Sample], start: Double, end: Double,
                              intervalSeconds: Double) -> (joules: Double, uncertainty: Double, flags: [String]) {
        var points: [(Double, Double)] = [(Double(used[0].time), 0)]
        var watts: [Double] = []
        var flags: [String] = []
        for i in 1..<used.count {
            let step: Double = counterStep(used[i - 1], used[i])
            let seconds: Double = Double(used[i].time - used[i - 1].time) / 1e9
            points.append((Double(used[i].time), points[i - 1].1 + step))
            let w: Double = seconds > 0 ? step / 1e6 / seconds : 0
            watts.append(w)
            if w > 1000 && flags.isEmpty {
                flags.append("implausible counter step of \(step / 1e6) J (over 1 kW): a missed wrap or a reset")
            }
        }
        let joules: Double = (interpolate(points, at: end) - interpolate(points, at: start)) / 1e6
        // Linear interpolation at each edge: at most a quarter of the power change over one interval.
        var uncertainty: Double = 2 * 61e-6  // one RAPL energy unit at each end
        if watts.count >= 2 {
            let first: Double = abs(watts[1] - watts[0]), last: Double = abs(watts[watts.count - 1] - watts[watts.count - 2])
            uncertainty += (first + last) * intervalSeconds / 4
        }
        return (joules, uncertainty, flags)
    }

    static func power(_ sample: Sample) -> Double {
        if case .milliwatts(let mW)? = sample.reading { return mW }
        return 0
    }

    /// Counter step with wraparound: the counter runs 0…wrap, then starts at 0 again.
    static func counterStep(_ a: Sample, _ b: Sample) -> Double {
        guard case .microjoules(let e0, _)? = a.reading, case .microjoules(let e1, let wrap)? = b.reading else { return 0 }
        return e1 >= e0 ? e1 - e0 : (wrap + 1 - e0) + e1
    }

    /// Points cut to [start, end], with interpolated values at the two edges.
    static func edgeClipped(_ points: [(Double, Double)], start: Double, end: Double) -> [(Double, Double)] {
        var inside = points.filter { $0.0 > start && $0.0 < end }
        inside.insert((start, interpolate(points, at: start)), at: 0)
        inside.append((end, interpolate(points, at: end)))
        return inside
    }

    /// Linear between the neighbours of `t`; held beyond the ends.
    static func interpolate(_ points: [(Double, Double)], at t: Double) -> Double {
        guard let after = points.firstIndex(where: { $0.0 >= t }) else { return points[points.count - 1].1 }
        if after == 0 { return points[0].1 }
        let (t0, v0) = points[after - 1], (t1, v1) = points[after]
        return t1 == t0 ? v1 : v0 + (v1 - v0) * (t - t0) / (t1 - t0)
    }

    static func trapezoid(_ points: [(Double, Double)]) -> Double {
        zip(points, points.dropFirst()).reduce(0) { $0 + ($1.1.0 - $1.0.0) * ($1.0.1 + $1.1.1) / 2 }
    }
}
