import Agent
import Bench
import Engine
import Foundation
import Logging
import Measure
import Policy
import Probe
import Registry
import ServiceLifecycle
import Store
import Variants

/// The agent's loop: prepares and measures every configured model (variants built here, each
/// candidate benched with the daemon's energy source and stored), then every
/// `policyIntervalSeconds` — and at once on an event such as a budget change — runs the policy
/// for each model on what was observed since the last turn, installs the chosen candidate
/// (compiled off the request path) and stores each decision that changes something.
struct PolicyLoop: Service {
    let state: DaemonState
    let workers: [String: InferenceWorker]
    let session: BenchSession
    let pull: RegistryPull
    let store: ResultStore
    let options: Compiler.Options
    let root: String
    let wakeup: Wakeup
    let notifier: Notifier
    let logger: Logger

    func run() async throws {
        let config = await state.config
        let board = state.board
        let loader = VariantLoader(options: options)
        for model in config.models {
            guard !Task.isShuttingDownGracefully else { return }
            notifier.status("preparing \(model.name)")
            do {
                let prepared = try await Self.offPool { try PreparedModel.prepare(model, config: config, pull: pull, options: options,
                                                                                   log: { [logger] in logger.info("\($0)") }) }
                await state.setPhase(model.name, .measuring)
                notifier.status("measuring \(model.name): \(prepared.files.count) file(s) × \(config.threads.count) thread count(s)")
                let measured = try await Self.offPool { try MeasuredModel.measure(prepared, config: config, model: model, session: session, options: options) }
                await state.setMeasured(model.name, prepared, measured)
                logger.info("\(model.name): \(measured.candidates.count) candidate(s) measured")
            } catch {
                logger.error("\(model.name): \(error)")
                await state.setPhase(model.name, .failed, failure: "\(error)")
            }
        }
        let thermal = ThermalReader(board, root: root)
        let passiveTrip = board.thermal.flatMap(\.trips).filter { $0.type == "passive" }.compactMap(\.celsius).min()
        let start = DispatchTime.now().uptimeNanoseconds
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let time = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                await turn(time: time, loader: loader, temperature: thermal.hottestCelsius(), passiveTrip: passiveTrip)
                // The next turn after the interval, or at once on an event.
                await wakeup.wait(seconds: await state.config.policyIntervalSeconds)
            }
        }
    }

    /// One decision per serving model.
    func turn(time: Double, loader: VariantLoader, temperature: Double?, passiveTrip: Double?) async {
        let config = await state.config
        let constraints = await state.constraints()
        let budget = constraints.budgetWatts
        for model in config.models {
            guard let entry = try? await state.model(model.name), entry.phase == .serving, let measured = entry.measured,
                  let worker = workers[model.name] else { continue }
            let stats = worker.takeStats()
            let active = worker.active?.candidate
            // Latency against the measured one only from enough requests to mean something.
            let slowdown = stats.requests >= 20 ? stats.p50Ms.flatMap { observed in active.map { observed / max(1e-9, $0.p50Ms) } } : nil
            let observation = Observation(time: time, rateHz: entry.last == nil ? nil : stats.rateHz, slowdown: slowdown,
                                          temperatureC: temperature, passiveTripC: passiveTrip)
            let candidates = entry.pinned.map { pin in measured.candidates.filter { $0.id == pin } } ?? measured.candidates
            do {
                let (decision, next) = try Policy.decide(candidates, constraints: constraints, observation: observation, state: entry.policy)
                // A promoted version may name its candidates as the old one did: the file decides too.
                let same = decision.chosen.id == active?.id && decision.chosen.variantSHA256 == active?.variantSHA256
                if !same, let path = measured.paths[decision.chosen.id] {
                    let started = DispatchTime.now().uptimeNanoseconds
                    let loaded = try await Self.offPool { try loader.load(decision.chosen, path: path, shapes: model.shapes) }
                    worker.install(loaded)
                    let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
                    logger.info("\(model.name): switched to \(decision.chosen.id) in \(String(format: "%.2f", ms)) ms (from the decision to the swap)")
                }
                let changed = entry.last.map { $0.chosen.id != decision.chosen.id || $0.code != decision.code } ?? true
                let now = Date()
                await state.record(model.name, decision: decision, state: next, at: now)
                if changed {
                    logger.info("\(model.name): \(decision.code.rawValue): \(decision.reason)")
                    try? store.record(DecisionRecord(decision, model: model.name, at: now, constraints: constraints, observation: observation))
                }
                if await state.decisionsMade == 1 || changed {
                    notifier.status("\(model.name): \(decision.chosen.id) at \(String(format: "%.2f", decision.predictedWatts)) W predicted (budget \(budget) W)")
                }
            } catch {
                logger.error("\(model.name): no decision: \(error)")
            }
        }
        if await state.decisionsMade > 0 { notifier.ready() }
        notifier.watchdog()
    }

    /// Blocking work (compiling, benchmarking) on a thread of its own, not the cooperative pool.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}
