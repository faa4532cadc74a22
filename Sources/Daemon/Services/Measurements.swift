import Agent
import Basics
import Engine
import Foundation
import Logging
import Measure
import Policy
import Probe
import Store

/// The measurement scheduler: one measurement or power-mode switch at a time (the rail and
/// the cores are shared), none started while a request waits (serving comes first). A model is
/// measured in each mode its candidates are wanted in, switching with nvpmodel between them,
/// and the board is returned to the mode it was in; every run of the tool is stored.
struct Measurements: Sendable {
    let state: DaemonState
    let workers: [String: InferenceWorker]
    let session: BenchSession
    let modes: PowerModeControl
    let store: ResultStore
    let options: Compiler.Options
    let logger: Logger
    private let lock = AsyncLock()

    /// `prepared`'s candidates in `only` (nil: every mode that may be chosen; the board's current
    /// one first). A mode the board cannot be switched to is left out and said so in the log.
    func measure(_ prepared: PreparedModel, model: DaemonConfig.Model, only: [String]? = nil) async throws -> MeasuredModel {
        try await lock.withLock {
            while workers.values.contains(where: { $0.waitingRequests > 0 }) { try await Task.sleep(for: .milliseconds(20)) }
            let home = await state.board.powerMode
            await state.setMeasuring(true)
            let result: Result<MeasuredModel, any Error>
            do {
                result = .success(try await measureLocked(prepared, model: model, modes: only ?? modes.measurable(current: home, profile: state.powerModes)))
            } catch {
                result = .failure(error)
            }
            if let home, await state.board.powerMode != home {
                _ = await switchLocked(to: home, model: model.name, why: "back to \(home) after measuring \(model.name)")
            }
            await state.setMeasuring(false)
            return try result.get()
        }
    }

    private func measureLocked(_ prepared: PreparedModel, model: DaemonConfig.Model, modes wanted: [String]) async throws -> MeasuredModel {
        let config = await state.config
        var board = await state.board
        var measured = MeasuredModel(candidates: [], paths: [:])
        for mode in wanted.isEmpty ? [board.powerMode] : wanted.map(Optional.some) {
            if let mode, mode != board.powerMode {
                guard let switched = await switchLocked(to: mode, model: model.name, why: "to measure \(model.name) in \(mode)") else { continue }
                board = switched
            }
            var inMode = session
            inMode.board = board
            let session = inMode
            measured.merge(try await PolicyLoop.offPool { [options] in
                try MeasuredModel.measure(prepared, config: config, model: model, session: session, options: options)
            })
        }
        return measured
    }

    /// The board probed now (off the pool: on a board the probe runs `nvpmodel -q`).
    func probeBoard() async -> HardwareInfo? {
        (try? await PolicyLoop.offPool { [modes] in modes.probe() }) ?? nil
    }

    /// The switch a decision asks for; the board after it, or nil when it failed (then no other
    /// switch is tried for `nvpmodel.retrySeconds`).
    func switchMode(to mode: String, model: String, why: String) async -> HardwareInfo? {
        await lock.withLock { await switchLocked(to: mode, model: model, why: why) }
    }

    private func switchLocked(to mode: String, model: String, why: String) async -> HardwareInfo? {
        let from = await state.board.powerMode
        // A decision taken while a measurement had the board elsewhere may find it back already.
        if from == mode { return await state.board }
        let result = await (try? PolicyLoop.offPool { [modes] in modes.switchTo(mode, from: from) })
            ?? PowerModeControl.Switch(from: from, to: mode, command: [], failure: "could not start a thread")
        if let board = result.board { await state.setBoard(board) }
        let config = await state.config
        await state.noteModeSwitch(result.summary, failed: !result.succeeded, retryAfter: config.nvpmodel.retrySeconds)
        if result.succeeded { logger.notice("power mode: \(result.summary) (\(why))") } else { logger.error("power mode: \(result.summary) (\(why))") }
        record(result, model: model, why: why, budget: await state.budget().watts)
        return result.succeeded ? result.board : nil
    }

    /// Every run of the tool, in the decisions table: its command, exit status and output.
    private func record(_ result: PowerModeControl.Switch, model: String, why: String, budget: Double) {
        let inputs: [String: String] = [
            "command": result.command.joined(separator: " "), "outcome": result.run?.outcome ?? "not run",
            "output": String((result.run?.output ?? "").suffix(2000)), "why": why,
        ]
        let json = (try? JSONSerialization.data(withJSONObject: inputs, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        _ = try? store.record(DecisionRecord(createdAt: Date(), model: model, code: result.succeeded ? "powerMode" : "powerModeFailed",
                                         reason: "\(result.summary) (\(why))", candidate: "", precision: .fp32, threads: 0,  // no candidate: placeholders
                                         powerMode: result.succeeded ? result.to : result.from, variantSHA256: nil, predictedWatts: 0,
                                         budgetWatts: budget, rateHz: 0, inputsJSON: json))
    }
}
