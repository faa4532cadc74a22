import Bench
import Energy
import Probe

/// Where a measurement's joules come from, best first: the board's total rail or energy counter
/// sampled on its own thread; with `simulate`, a simulated INA3221 rail in a private copy of the
/// board tree (labelled "simulated"); else the CPU-time estimate (labelled "estimated") — and
/// `note` says why it fell back.
public final class EnergySetup: Sendable {
    public let meter: EnergyMeter
    /// Set while an inference runs (the simulated rail follows it).
    public let activity: ActivityFlag?
    public let note: String?
    let simulator: SimulatedRail?
    let levels: SimulatedLevels?
    /// The copy of the board tree the simulator writes (the tree at the root is left as it is).
    let tree: BoardTreeCopy?

    init(meter: EnergyMeter, activity: ActivityFlag? = nil, note: String?, simulator: SimulatedRail? = nil,
         levels: SimulatedLevels? = nil, tree: BoardTreeCopy? = nil) {
        self.meter = meter
        self.activity = activity
        self.note = note
        self.simulator = simulator
        self.levels = levels
        self.tree = tree
    }

    public static func choose(board info: HardwareInfo, root: String, simulate: SimulatedPower?, rateHz: Double) throws(MeasureError) -> EnergySetup {
        if let simulate { return try simulated(info, root: root, power: simulate, rateHz: rateHz) }
        do {
            guard let source = try BoardSource.total(info, root: root) else {
                return EnergySetup(meter: .estimated(CPUEstimate(info)), note: "no power rail or energy counter found: energy is estimated from CPU time")
            }
            _ = try source.read()
            let sampler = try Sampler(source: source, rateHz: min(rateHz, source.updateIntervalMs.map { 1000 / Double(max(1, $0)) } ?? rateHz))
            sampler.start()
            return EnergySetup(meter: .sampled(sampler, label: source.kind), note: nil)
        } catch {
            return EnergySetup(meter: .estimated(CPUEstimate(info)), note: "board power unreadable (\(error)): energy is estimated from CPU time")
        }
    }

    private static func simulated(_ info: HardwareInfo, root: String, power: SimulatedPower, rateHz: Double) throws(MeasureError) -> EnergySetup {
        guard let total = info.totalRail, let rail = info.rails.first(where: { $0.name == total }), rail.source == "ina3221-hwmon",
              let path = rail.path, let channel = rail.channel
        else {
            throw MeasureError(.energy, "simulated power writes an INA3221 hwmon total rail; the tree at \(root) has none (try the jetson-orin-nano fixture)")
        }
        let activity = ActivityFlag()
        do {
            let tree = try BoardTreeCopy(copying: root)
            let levels = SimulatedLevels(idle: power.idleWatts, active: power.activeWatts)
            let simulator = try SimulatedRail(directory: tree.root + path, channel: channel, trace: .activity(levels, flag: activity))
            try simulator.start()
            let sampler = try Sampler(source: try BoardSource.make(rail, root: tree.root), rateHz: rateHz)
            sampler.start()
            return EnergySetup(meter: .sampled(sampler, label: .simulated), activity: activity,
                               note: "simulated: \(rail.name) of a copy of \(root) follows \(power.idleWatts) W idle / \(power.activeWatts) W while an inference runs",
                               simulator: simulator, levels: levels, tree: tree)
        } catch {
            throw MeasureError(.energy, "\(error)")
        }
    }

    /// A simulated rail draws `power` from now on (a simulated board entering another power
    /// mode); false when the energy is not simulated.
    @discardableResult
    public func simulate(_ power: SimulatedPower) -> Bool {
        guard let levels else { return false }
        levels.set(idle: power.idleWatts, active: power.activeWatts)
        return true
    }

    /// Stops the sampler and the simulator.
    public func stop() {
        if case .sampled(let sampler, _) = meter { sampler.stop() }
        simulator?.stop()
    }
}
