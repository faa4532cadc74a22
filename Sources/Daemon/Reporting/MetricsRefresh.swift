import Basics
import Bench
import Energy
import Fleet
import Foundation
import Measure
import Policy
import Probe
import Store
import Synchronization

/// Brings the metrics' state up to date from the daemon (before each scrape and each snapshot):
/// board power and the energy integral from the daemon's energy source, each rail's power, the
/// budget and each model's served variant and candidates, power mode, temperatures, the store's
/// size and the outbox. Events (inferences, decisions, pulls) count where they happen.
final class MetricsRefresh: Sendable {
    let metrics: FleetMetrics
    let state: DaemonState
    let workers: [String: InferenceWorker]
    let energy: EnergySetup
    let store: ResultStore
    let thermal: ThermalReader
    let passiveTripC: Double?
    let rails: [(name: String, source: any PowerSource)]
    /// The energy integral so far: up to `until` (monotonic ns), `joules`.
    private let integral: Mutex<(until: UInt64, joules: Double)>

    init(metrics: FleetMetrics, state: DaemonState, workers: [String: InferenceWorker], energy: EnergySetup, store: ResultStore,
         board: HardwareInfo, root: String) {
        self.metrics = metrics
        self.state = state
        self.workers = workers
        self.energy = energy
        self.store = store
        thermal = ThermalReader(board, root: root)
        passiveTripC = board.thermal.flatMap(\.trips).filter { $0.type == "passive" }.compactMap(\.celsius).min()
        rails = board.rails.compactMap { rail in (try? BoardSource.make(rail, root: root)).map { (rail.name, $0) } }
        integral = Mutex((MonotonicClock.now(), 0))
    }

    func refresh() async {
        let budget = await state.budget()
        var s = FleetMetrics.State(energySource: energy.meter.label.rawValue, budgetWatts: budget.watts)
        s.sloP99Seconds = await state.config.sloP99Ms.map { $0 / 1000 }
        let now = MonotonicClock.now()
        let from = integral.withLock { value -> UInt64 in
            defer { value.until = now }
            return value.until
        }
        if now > from {
            let window = energy.meter.window(from: from, to: now, cpuSeconds: 0)
            if window.samples > 0 { s.energyJoules = integral.withLock { $0.joules += window.joules; return $0.joules } }
        }
        let second = energy.meter.window(from: now - 1_000_000_000, to: now, cpuSeconds: 0)
        if second.samples > 0 { s.boardWatts = second.meanWatts }
        for rail in rails {
            if case .milliwatts(let mw)? = try? rail.source.read() { s.rails.append((rail.name, mw / 1000)) }
        }
        for model in await state.config.models {
            guard let entry = try? await state.model(model.name) else { continue }
            let active = workers[model.name]?.active?.candidate
            s.models.append(.init(name: model.name, activeVariant: active?.id, precision: active?.precision.rawValue,
                                  predictedWatts: entry.last?.predictedWatts,
                                  candidates: entry.measured?.candidates.map { ($0.id, $0.precision.rawValue, $0.dynamicJoulesPerInference) } ?? []))
        }
        s.powerMode = await state.board.powerMode
        s.temperatures = thermal.zones()
        if let trip = passiveTripC, let hottest = s.temperatures.map(\.celsius).max() { s.throttled = hottest >= trip }
        s.storeBytes = [store.path, store.path + "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int }.reduce(0, +)
        s.outbox = try? store.outboxStatus()
        s.samplerCPUSeconds = energy.meter.samplerCPUSeconds
        metrics.update(s)
    }
}
