import Agent
import Bench
import Engine
import Fleet
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
/// candidate benched with the daemon's energy source in every mode it may run in, and stored),
/// then every `policyIntervalSeconds` — and at once on an event such as a budget change — runs
/// the policy for each model on what was observed since the last turn, sets the power mode the
/// decision names, installs the chosen candidate (compiled off the request path) and stores each
/// decision that changes something. It measures again when a decision says the latency drifted
/// and when the board is found in a mode its candidates were not measured in.
struct PolicyLoop: Service {
    let state: DaemonState
    let workers: [String: InferenceWorker]
    let measurements: Measurements
    let pull: RegistryPull
    let store: ResultStore
    let options: Compiler.Options
    let root: String
    let wakeup: Wakeup
    let notifier: Notifier
    let metrics: FleetMetrics
    let logger: Logger

    func run() async throws {
        let config = await state.config
        let board = await state.board
        let loader = VariantLoader(options: options)
        for model in config.models {
            guard !Task.isShuttingDownGracefully else { return }
            notifier.status("preparing \(model.name)")
            do {
                let prepared = try await Self.offPool { try PreparedModel.prepare(model, config: config, pull: pull, options: options,
                                                                                   log: { [logger] in logger.info("\($0)") }) }
                await state.setPhase(model.name, .measuring)
                notifier.status("measuring \(model.name): \(prepared.files.count) file(s) × \(config.threads.count) thread count(s)")
                let measured = try await measurements.measure(prepared, model: model)
                await state.setMeasured(model.name, prepared, measured)
                logger.info("\(model.name): \(measured.candidates.count) candidate(s) measured")
            } catch {
                logger.error("\(model.name): \(error)")
                await state.setPhase(model.name, .failed, failure: "\(error)")
            }
        }
        let thermal = ThermalReader(board, root: root)
        let passiveTrip = board.thermal.flatMap(\.trips).filter { $0.type == "passive" }.compactMap(\.celsius).min()
        await cancelWhenGracefulShutdown {
            await turns(loader: loader, thermal: thermal, passiveTrip: passiveTrip)
        }
    }

    /// A turn every `policyIntervalSeconds`, or at once on an event, until cancelled.
    private func turns(loader: VariantLoader, thermal: ThermalReader, passiveTrip: Double?) async {
        let start = DispatchTime.now().uptimeNanoseconds
        var modeCheckedAt = 0.0
        while !Task.isCancelled {
            let time = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if time - modeCheckedAt >= Self.modeCheckSeconds {
                modeCheckedAt = time
                await checkPowerMode()
            }
            await turn(time: time, loader: loader, temperature: thermal.hottestCelsius(), passiveTrip: passiveTrip)
            await wakeup.wait(seconds: await state.config.policyIntervalSeconds)
        }
    }

    /// How often the board's power mode is read back (someone may have run nvpmodel by hand).
    static let modeCheckSeconds = 30.0

    /// One decision per serving model.
    func turn(time: Double, loader: VariantLoader, temperature: Double?, passiveTrip: Double?) async {
        // While a measurement has the board (perhaps in another mode), what is observed is not serving alone.
        guard await !state.measuring else {
            notifier.watchdog()
            return
        }
        let config = await state.config
        for model in config.models {
            let constraints = await state.constraints(for: model.name)
            let budget = constraints.budgetWatts
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
                if let mode = decision.chosen.powerMode, mode != constraints.currentPowerMode {
                    // The mode first; when it cannot be set, the policy decides again next turn, within the current mode.
                    guard await measurements.switchMode(to: mode, model: model.name, why: "\(decision.code.rawValue): \(decision.chosen.id)") != nil else { continue }
                }
                if let why = decision.remeasure { remeasure(model, why: why, only: constraints.currentPowerMode.map { [$0] }) }
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
                metrics.decision(model: model.name, reason: decision.code.rawValue, switched: !same)
                let now = Date()
                await state.record(model.name, decision: decision, state: next, at: now)
                if changed {
                    logger.info("\(model.name): \(decision.code.rawValue): \(decision.reason)")
                    _ = try? store.record(DecisionRecord(decision, model: model.name, at: now, constraints: constraints, observation: observation))
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

    /// Measures a serving model again in the background; its new numbers replace the old ones.
    func remeasure(_ model: DaemonConfig.Model, why: String, only modes: [String]?) {
        Task {
            guard await state.startRemeasuring(model.name), let prepared = try? await state.model(model.name).prepared else { return }
            logger.notice("\(model.name): measuring again: \(why)")
            do {
                let measured = try await measurements.measure(prepared, model: model, only: modes)
                await state.merge(model.name, measured)
                logger.info("\(model.name): \(measured.candidates.count) candidate(s) measured again")
            } catch {
                logger.error("\(model.name): measuring again failed: \(error)")
            }
            await state.stopRemeasuring(model.name)
            wakeup.signal()
        }
    }

    /// The board's mode read back: when it changed behind the daemon's back, serving models
    /// without candidates measured in the new mode are measured in it.
    func checkPowerMode() async {
        let known = await state.board.powerMode
        guard known != nil, let board = await measurements.probeBoard(), let now = board.powerMode, now != known else { return }
        logger.notice("power mode changed from \(known ?? "?") to \(now) outside the daemon")
        await state.setBoard(board)
        measurements.modes.simulate(mode: now)
        for model in await state.config.models {
            guard let measured = try? await state.model(model.name).measured, !measured.candidates.contains(where: { $0.powerMode == now }) else { continue }
            remeasure(model, why: "no candidate was measured in \(now)", only: [now])
        }
    }

    /// Blocking work (compiling, benchmarking) on a thread of its own, not the cooperative pool.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}
