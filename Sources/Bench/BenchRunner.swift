import Energy
import Foundation
import Histogram

/// The benchmark protocol: warm-up by time, idle power just before, then at least
/// `minIterations` inferences and at least `minSeconds`; with `sustained`, on until latency and
/// temperature are steady (or the limit) with the steady window reported apart from the burst.
/// `activity` is set while an inference runs (the simulated rail follows it).
public struct BenchRunner {
    public var settings: BenchSettings
    public var meter: EnergyMeter
    public var activity: ActivityFlag?
    public var temperature: (() -> Double?)?
    public var progress: ((String) -> Void)?

    public init(settings: BenchSettings, meter: EnergyMeter, activity: ActivityFlag? = nil, temperature: (() -> Double?)? = nil,
                progress: ((String) -> Void)? = nil) {
        self.settings = settings
        self.meter = meter
        self.activity = activity
        self.temperature = temperature
        self.progress = progress
    }

    public func run(_ infer: () throws -> Void) throws -> BenchMeasurement {
        let settings = try settings.validated()
        let clock = MonotonicClock.self
        // Warm-up by time (at least one inference).
        var warmup = 0
        let warmStart = clock.now()
        repeat {
            try timed(infer)
            warmup += 1
        } while Double(clock.now() - warmStart) / 1e9 < settings.warmupSeconds
        // Idle power just before, after a settle (rails lag: sample spacing, sensor averaging).
        if settings.idleSeconds > 0 { usleep(100_000) }
        let idleStart = clock.now(), idleCPU = EnergyMeter.processCPUSeconds()
        if settings.idleSeconds > 0 { usleep(UInt32(settings.idleSeconds * 1e6)) }
        var idle = meter.window(from: idleStart, to: clock.now(), cpuSeconds: EnergyMeter.processCPUSeconds() - idleCPU)
        if settings.idleSeconds == 0 {
            idle = EnergyWindow(joules: 0, meanWatts: 0, seconds: 0, samples: 0, intervalMs: 0, source: meter.label,
                                sourceDescription: meter.description, uncertaintyJoules: 0, uncertaintyPercent: 0,
                                flags: ["not measured (idle time 0): dynamic joules equal total joules"])
        }
        let idleWatts = idle.meanWatts
        progress?(String(format: "warm-up %d inference(s); idle %.2f W (%@)", warmup, idleWatts, meter.label.rawValue))

        let temperatureStart = temperature?()
        // Burst: the protocol's minimum.
        var histogram = LatencyStats.histogram()
        var iterations = 0
        let start = clock.now(), startCPU = EnergyMeter.processCPUSeconds()
        var buckets: [(median: Double, temperature: Double?, histogram: Histogram<UInt64>, start: UInt64, iterations: Int, cpu: Double)] = []
        var bucket = LatencyStats.histogram(), bucketStart = start, bucketIterations = 0, bucketCPU = startCPU
        var steadyReached: Bool? = nil
        var burstEnd: (time: UInt64, iterations: Int, histogram: Histogram<UInt64>, cpu: Double)? = nil
        while true {
            let ns = try timed(infer)
            _ = histogram.record(ns)
            iterations += 1
            let now = clock.now()
            if burstEnd == nil, iterations >= settings.minIterations, Double(now - start) / 1e9 >= settings.minSeconds {
                burstEnd = (now, iterations, histogram, EnergyMeter.processCPUSeconds())
                progress?("burst: \(iterations) inference(s) in \(String(format: "%.1f", Double(now - start) / 1e9)) s")
                if !settings.sustained { break }
            }
            guard settings.sustained else { continue }
            _ = bucket.record(ns)
            bucketIterations += 1
            if now - bucketStart >= 1_000_000_000 {
                let cpu = EnergyMeter.processCPUSeconds()
                buckets.append((Double(bucket.valueAtPercentile(50)), temperature?(), bucket, bucketStart, bucketIterations, cpu - bucketCPU))
                bucket = LatencyStats.histogram()
                bucketStart = now
                bucketIterations = 0
                bucketCPU = cpu
                let window = Int(settings.steadyWindowSeconds)
                if burstEnd != nil, buckets.count >= window {
                    let recent = buckets.suffix(window)
                    let temps = recent.compactMap(\.temperature)
                    if SteadyState.isSteady(latencies: recent.map(\.median), temperatures: temps.count == window ? temps : []) {
                        steadyReached = true
                        break
                    }
                }
                if Double(now - start) / 1e9 >= settings.sustainedLimitSeconds {
                    steadyReached = false
                    break
                }
                if buckets.count % 10 == 0 { progress?("sustained: \(buckets.count) s, not steady yet") }
            }
        }
        let end = burstEnd!
        let burstEnergy = meter.window(from: start, to: end.time, cpuSeconds: end.cpu - startCPU)
        let burst = Phase(latency: LatencyStats(end.histogram), iterations: end.iterations, seconds: Double(end.time - start) / 1e9,
                          energy: burstEnergy, idleWatts: idleWatts)
        var steady: Phase? = nil
        if settings.sustained, let first = buckets.suffix(Int(settings.steadyWindowSeconds)).first {
            let recent = buckets.suffix(Int(settings.steadyWindowSeconds))
            var merged = LatencyStats.histogram()
            for b in recent { merged.add(b.histogram) }
            let stop = clock.now()
            let energy = meter.window(from: first.start, to: stop, cpuSeconds: recent.map(\.cpu).reduce(0, +))
            steady = Phase(latency: LatencyStats(merged), iterations: recent.map(\.iterations).reduce(0, +),
                           seconds: Double(stop - first.start) / 1e9, energy: energy, idleWatts: idleWatts)
        }
        return BenchMeasurement(warmupIterations: warmup, idle: idle, burst: burst, steady: steady, steadyReached: steadyReached,
                           temperatureStartC: temperatureStart, temperatureEndC: temperature?())
    }

    @discardableResult
    private func timed(_ infer: () throws -> Void) throws -> UInt64 {
        activity?.set(true)
        defer { activity?.set(false) }
        let t0 = MonotonicClock.now()
        try infer()
        return max(1, MonotonicClock.now() - t0)
    }
}
