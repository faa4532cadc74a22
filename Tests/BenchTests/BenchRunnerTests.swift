import Bench
import Energy
import Foundation
import Probe
import Testing

/// The protocol end to end on the Orin Nano tree with the simulated rail following the
/// activity flag (`--simulate-power 3.5:9`): dynamic joules per inference must come out as
/// (ACTIVE − IDLE) × mean latency — a check of rail files, source, sampler, windows and runner.
@Suite(.serialized) struct BenchRunnerTests {
    /// A 4 ms inference that really uses the CPU.
    static func spin() {
        let end = MonotonicClock.now() + 4_000_000
        var x = 0.0
        while MonotonicClock.now() < end { x += 1 }
        precondition(x > 0)
    }

    @Test func simulatedRailGivesActiveMinusIdleTimesLatency() throws {
        let repository = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
        let tree = try BoardTreeCopy(copying: repository + "/Tests/Fixtures/sys/jetson-orin-nano")
        let info = try HardwareProbe.probe(.init(root: tree.root, profiles: try ProfileLoader.load(directory: repository + "/profiles")))
        let rail = try #require(info.rails.first { $0.name == "VDD_IN" })
        let activity = ActivityFlag()
        let simulator = try SimulatedRail(directory: tree.root + (rail.path ?? ""), channel: 1,
                                          trace: .activity(idle: 3.5, active: 9.0, flag: activity))
        try simulator.start()
        defer { simulator.stop() }
        let sampler = try Sampler(source: try #require(try BoardSource.total(info, root: tree.root)), rateHz: 100)
        sampler.start()
        defer { sampler.stop() }
        var settings = BenchSettings()
        settings.minSeconds = 1.5
        settings.idleSeconds = 0.5
        var lines: [String] = []
        let runner = BenchRunner(settings: settings, meter: .sampled(sampler, label: .simulated), activity: activity,
                                 progress: { lines.append($0) })
        let m = try runner.run(Self.spin)
        #expect(m.burst.iterations >= settings.minIterations && m.burst.seconds >= 1.5)
        #expect(abs(m.idle.meanWatts - 3.5) < 0.05, "idle \(m.idle.meanWatts) W")
        let expected = (9.0 - 3.5) * m.burst.latency.meanMs / 1000
        let error = abs(m.burst.dynamicJoulesPerInference - expected) / expected
        #expect(error < 0.05, "dynamic \(m.burst.dynamicJoulesPerInference) J vs \(expected) J (\(100 * error)%)")
        #expect(m.burst.energy.source == .simulated && m.burst.energy.flags.isEmpty)
        // At least the 4 ms spin (more when this machine is loaded: the spin counts wall time).
        #expect(m.burst.latency.p50Ms >= 4)
        #expect(lines.contains { $0.contains("idle") } && lines.contains { $0.contains("burst") })
    }

    @Test func withoutARailTheEnergyIsEstimatedAndSaysSo() throws {
        var settings = BenchSettings()
        settings.minSeconds = 0.3
        settings.idleSeconds = 0
        let estimate = CPUEstimate(idleWatts: 2, wattsPerBusyCore: 3)
        let m = try BenchRunner(settings: settings, meter: .estimated(estimate)).run(Self.spin)
        #expect(m.burst.energy.source == .estimated && m.burst.energy.uncertaintyPercent == 50)
        // Above idle: the spinning inference shows in the process's CPU time (other tests running in
        // this process may add to it, so there is no upper bound here).
        #expect(m.burst.watts > 2.5, "\(m.burst.watts) W")
    }

    /// A steady workload is found steady after the burst plus one steady window, and the steady
    /// phase is reported apart from the burst.
    @Test func sustainedStopsWhenSteadyAndReportsBothPhases() throws {
        var settings = BenchSettings()
        settings.minSeconds = 1
        settings.idleSeconds = 0
        settings.sustained = true
        settings.steadyWindowSeconds = 2
        settings.sustainedLimitSeconds = 8
        let m = try BenchRunner(settings: settings, meter: .estimated(CPUEstimate(idleWatts: 1, wattsPerBusyCore: 1)), temperature: { 45 })
            .run(Self.spin)
        let steady = try #require(m.steady)
        #expect(m.steadyReached != nil)
        #expect(steady.iterations > 0 && steady.seconds >= 1.5 && steady.latency.p50Ms >= 4)
        #expect(m.burst.seconds >= 1)
    }

    @Test(arguments: [("minSeconds", -1.0), ("minIterations", 0), ("warmupSeconds", Double.nan)])
    func badSettingsAreRefusedNamingTheValue(key: String, value: Double) {
        var settings = BenchSettings()
        switch key {
        case "minSeconds": settings.minSeconds = value
        case "minIterations": settings.minIterations = Int(value)
        default: settings.warmupSeconds = value
        }
        #expect(throws: BenchError.self) { _ = try BenchRunner(settings: settings, meter: .estimated(CPUEstimate(idleWatts: 1, wattsPerBusyCore: 1))).run {} }
    }
}
