import Energy
import Foundation
import Probe

/// Where a benchmark's joules come from: a sampled rail/counter (labelled by its kind, or
/// "simulated" when the rail is the simulator's), or an estimate from the process's CPU time.
public enum EnergyMeter: Sendable {
    case sampled(Sampler, label: SourceKind)
    case estimated(CPUEstimate)

    public var label: SourceKind {
        switch self {
        case .sampled(_, let label): return label
        case .estimated: return .estimated
        }
    }

    public var description: String {
        switch self {
        case .sampled(let sampler, let label): return (label == .simulated ? "simulated: " : "") + sampler.source.description
        case .estimated(let estimate): return estimate.description
        }
    }

    /// CPU time the sampling thread has used so far (nil when nothing is sampled).
    public var samplerCPUSeconds: Double? {
        if case .sampled(let sampler, _) = self { return sampler.threadCPUSeconds }
        return nil
    }

    /// Energy over [from, to] (monotonic ns); `cpuSeconds` is the process CPU time spent in it.
    public func window(from: UInt64, to: UInt64, cpuSeconds: Double) -> EnergyWindow {
        switch self {
        case .sampled(let sampler, let label):
            var window = sampler.window(from: from, to: to)
            window.source = label
            return window
        case .estimated(let estimate):
            return estimate.window(seconds: Double(to - from) / 1e9, cpuSeconds: cpuSeconds)
        }
    }

    /// User + system CPU time of this process so far, in seconds.
    public static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}

/// Power estimated from CPU time where the board has no readable rail: idle watts plus watts
/// per busy core. The coefficients come from the profile's default power budget (a quarter of
/// it idle, the rest spread over the cores at full load) — a rough model, so every figure made
/// with it is labelled "estimated" and carries ±50%.
public struct CPUEstimate: Sendable, Equatable {
    public var idleWatts: Double
    public var wattsPerBusyCore: Double
    public static let uncertaintyPercent = 50.0

    public init(idleWatts: Double, wattsPerBusyCore: Double) {
        self.idleWatts = idleWatts
        self.wattsPerBusyCore = wattsPerBusyCore
    }

    public init(_ info: HardwareInfo) {
        let budget = info.defaultBudgetWatts ?? 10
        let cores = max(1, info.cores.count)
        self.init(idleWatts: budget / 4, wattsPerBusyCore: budget * 3 / 4 / Double(cores))
    }

    public var description: String {
        String(format: "estimated from CPU time: %.2f W idle + %.2f W per busy core (±%.0f%%)", idleWatts, wattsPerBusyCore,
               Self.uncertaintyPercent)
    }

    func window(seconds: Double, cpuSeconds: Double) -> EnergyWindow {
        let watts = idleWatts + wattsPerBusyCore * (seconds > 0 ? cpuSeconds / seconds : 0)
        let joules = watts * seconds
        return EnergyWindow(joules: joules, meanWatts: watts, seconds: seconds, samples: 0, intervalMs: 0, source: .estimated,
                            sourceDescription: description, uncertaintyJoules: joules * Self.uncertaintyPercent / 100,
                            uncertaintyPercent: Self.uncertaintyPercent, flags: [])
    }
}
