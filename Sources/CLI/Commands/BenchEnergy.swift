import Bench
import Energy
import Foundation
import Probe

/// Picks where `bench` gets its joules: the board's rails (or RAPL) through the sampler, the
/// simulated rail (`--simulate-power IDLE:ACTIVE` on a board tree), or the CPU-time estimate —
/// and says why when it falls back.
struct BenchEnergy {
    let meter: EnergyMeter
    let activity: ActivityFlag?
    let simulator: SimulatedRail?
    /// The copy of the board tree the simulator writes (the tree at --root is left as it is).
    let tree: BoardTreeCopy?
    let note: String?

    static func parseTrace(_ text: String) throws -> (idle: Double, active: Double) {
        let parts = text.split(separator: ":").map { Double($0) }
        guard parts.count == 2, let idle = parts[0], let active = parts[1], idle >= 0, active >= idle, active.isFinite else {
            throw CLIError("--simulate-power \(text): expected IDLE_W:ACTIVE_W with 0 ≤ IDLE ≤ ACTIVE, e.g. 3.5:9.0")
        }
        return (idle, active)
    }

    static func choose(info: HardwareInfo, root: String, simulate: String?, rateHz: Double) throws -> BenchEnergy {
        // The simulated rail writes into a private copy of the tree at `root`.
        if let simulate {
            let (idle, active) = try parseTrace(simulate)
            guard let total = info.totalRail, let rail = info.rails.first(where: { $0.name == total }), rail.source == "ina3221-hwmon",
                  let path = rail.path, let channel = rail.channel
            else {
                throw CLIError("--simulate-power writes an INA3221 hwmon total rail; the tree at \(root) has none (try --root on the jetson-orin-nano fixture)")
            }
            let activity = ActivityFlag()
            do {
                let tree = try BoardTreeCopy(copying: root)
                let simulator = try SimulatedRail(directory: tree.root + path, channel: channel,
                                                  trace: .activity(idle: idle, active: active, flag: activity))
                try simulator.start()
                let sampler = try Sampler(source: try BoardSource.make(rail, root: tree.root), rateHz: rateHz)
                sampler.start()
                return BenchEnergy(meter: .sampled(sampler, label: .simulated), activity: activity, simulator: simulator, tree: tree,
                                   note: "simulated: \(rail.name) of a copy of \(root) follows \(idle) W idle / \(active) W while an inference runs")
            } catch {
                throw CLIError("\(error)")
            }
        }
        do {
            if let source = try BoardSource.total(info, root: root) {
                _ = try source.read()
                let sampler = try Sampler(source: source, rateHz: min(rateHz, source.updateIntervalMs.map { 1000 / Double(max(1, $0)) } ?? rateHz))
                sampler.start()
                return BenchEnergy(meter: .sampled(sampler, label: source.kind), activity: nil, simulator: nil, tree: nil, note: nil)
            }
            return BenchEnergy(meter: .estimated(CPUEstimate(info)), activity: nil, simulator: nil, tree: nil,
                               note: "no power rail or energy counter found: energy is estimated from CPU time")
        } catch {
            return BenchEnergy(meter: .estimated(CPUEstimate(info)), activity: nil, simulator: nil, tree: nil,
                               note: "board power unreadable (\(error)): energy is estimated from CPU time")
        }
    }

    func stop() {
        if case .sampled(let sampler, _) = meter { sampler.stop() }
        simulator?.stop()
    }
}
