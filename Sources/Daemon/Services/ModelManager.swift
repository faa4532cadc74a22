import Agent
import Engine
import Fleet
import Foundation
import Logging
import Measure
import Policy
import Registry
import ServiceLifecycle
import Store

/// Pulls each manifest model every `pullIntervalSeconds` (± jitter) while serving. A new version
/// is a candidate, not a winner: its variants are built and measured here, back to back with the
/// serving version's (once no request is waiting — serving comes first), and it serves only if
/// its best candidate is no worse than the serving version's beyond the margins; otherwise the
/// previous version is made active again in the store. Either way the outcome is stored with
/// its numbers.
struct ModelManager: Service {
    let state: DaemonState
    let pull: RegistryPull
    let measurements: Measurements
    let store: ResultStore
    let metrics: FleetMetrics
    let logger: Logger
    let wake: @Sendable () -> Void

    func run() async throws {
        let config = await state.config
        let models = config.models.filter { $0.manifest != nil }
        guard !models.isEmpty, config.registry.pullIntervalSeconds > 0 else { return }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let wait = config.registry.pullIntervalSeconds + Double.random(in: 0...config.registry.pullJitterSeconds)
                do { try await Task.sleep(for: .seconds(wait)) } catch { return }
                for model in models { await check(model, config: config) }
            }
        }
    }

    func check(_ model: DaemonConfig.Model, config: DaemonConfig) async {
        guard let entry = try? await state.model(model.name), entry.phase == .serving, let current = entry.prepared else { return }
        let installed: InstalledVersion, prepared: PreparedModel
        do {
            guard let new = try await PolicyLoop.offPool({ try pull.pull(model) }) else {
                metrics.pull(outcome: "ok")
                return
            }
            installed = new
            prepared = RegistryPull.prepared(new, store: try pull.store(), name: model.name)
            metrics.pull(outcome: "ok")
            try? store.queueEvent(type: "install", ["model": model.name, "version": "\(new.version)"])
        } catch {
            metrics.pull(outcome: "failed")
            try? store.queueEvent(type: "error", ["model": model.name, "during": "pull", "message": "\(error)"])
            logger.error("\(model.name): pull failed: \(error)")
            await state.noteVersion(model.name, "last pull failed: \(error)")
            return
        }
        logger.notice("\(model.name): v\(installed.version) installed; measuring it before it may serve")
        await state.noteVersion(model.name, "v\(installed.version) measuring")
        let constraints = await state.constraints(for: model.name)
        let rate = entry.last?.rateHz ?? 0
        let verdict: Promotion.Verdict
        let measured: MeasuredModel
        do {
            // Both versions measured now, back to back, so they are compared under the same conditions.
            let serving = try await measurements.measure(current, model: model)
            let new = try await measurements.measure(prepared, model: model)
            measured = new
            verdict = try Promotion.judge(serving: serving.candidates, new: new.candidates, constraints: constraints, rateHz: rate,
                                          margins: config.registry.margins)
        } catch {
            await refuse(model, installed: installed,
                         reason: "v\(installed.version) refused, v\(entry.version.map(String.init) ?? "?") stays active: it could not be measured here: \(error)",
                         best: nil, constraints: constraints, rate: rate)
            return
        }
        if verdict.promote {
            let reason = "v\(installed.version) promoted: \(verdict.reason)"
            do {
                if let name = prepared.manifestName { try pull.activate(installed.version, name: name) }
            } catch {
                logger.error("\(model.name): v\(installed.version) serves, but the store could not record it as active: \(error)")
            }
            await state.promote(model.name, prepared, measured, note: reason)
            wake()
            record(model, code: "promoted", reason: reason, best: verdict.newBest, version: installed.version, constraints: constraints, rate: rate)
        } else {
            await refuse(model, installed: installed,
                         reason: "v\(installed.version) refused, v\(entry.version.map(String.init) ?? "?") stays active: \(verdict.reason)",
                         best: verdict.newBest, constraints: constraints, rate: rate)
        }
    }

    /// A refused version stays installed but inactive (the serving one stays active in the store,
    /// and a pull does not bring the refused one back); the outcome is noted and stored.
    private func refuse(_ model: DaemonConfig.Model, installed: InstalledVersion, reason: String, best: Candidate?, constraints: Constraints,
                        rate: Double) async {
        logger.notice("\(model.name): \(reason)")
        await state.noteVersion(model.name, reason)
        if let best { record(model, code: "rolledBack", reason: reason, best: best, version: installed.version, constraints: constraints, rate: rate) }
    }

    private func record(_ model: DaemonConfig.Model, code: String, reason: String, best: Candidate, version: Int, constraints: Constraints, rate: Double) {
        _ = try? store.record(DecisionRecord(createdAt: Date(), model: model.name, code: code, reason: reason, candidate: best.id, precision: best.precision,
                                         threads: best.threads, powerMode: best.powerMode, variantSHA256: best.variantSHA256,
                                         predictedWatts: best.watts(atRate: rate, upper: true), budgetWatts: constraints.budgetWatts, rateHz: rate,
                                         inputsJSON: "{\"version\":\(version)}"))
    }
}
