import Basics
import Foundation
import Policy
import Probe

/// What the services share, behind one actor: the config in force, each model's measured
/// candidates, policy state, last decision and pin, and a budget set at run time.
public actor DaemonState {
    public enum Phase: String, Codable, Sendable { case preparing, measuring, serving, failed }

    struct Model {
        var phase = Phase.preparing
        var prepared: PreparedModel?
        var measured: MeasuredModel?
        var policy = PolicyState()
        var last: Decision?
        var lastAt: Date?
        var pinned: String?
        var failure: String?
        /// For a model pulled from a manifest: the version serving, and what happened to the last new one.
        var version: Int?
        var versionNote: String?
        /// A measurement again (drift, a new mode) is under way.
        var remeasuring = false
    }

    public private(set) var config: DaemonConfig
    /// The board as last probed (its power mode changes when the daemon switches it).
    public private(set) var board: HardwareInfo
    /// The last run of nvpmodel, in words; after a failed one, no switch before `modeRetryAt`.
    public private(set) var lastModeSwitch: String?
    private var modeRetryAt: Date?
    /// A measurement has the board (and perhaps its mode): the policy waits, serving goes on.
    public private(set) var measuring = false
    /// The board profile's power modes (nominal watts, which need a reboot).
    public let powerModes: [PowerModeSpec]
    /// Set through the API (`PUT /v1/budget`); nil: the config's (or its schedule's) budget.
    public private(set) var budgetOverride: Double?
    var models: [String: Model]
    public private(set) var decisionsMade = 0

    init(config: DaemonConfig, board: HardwareInfo, powerModes: [PowerModeSpec]) {
        self.config = config
        self.board = board
        self.powerModes = powerModes
        models = Dictionary(uniqueKeysWithValues: config.models.map { ($0.name, Model()) })
    }

    /// The budget in force now, and where it comes from.
    public func budget(now: Date = Date()) -> (watts: Double, source: String) {
        if let budgetOverride { return (budgetOverride, "set through the API") }
        guard !config.budget.schedule.isEmpty else { return (config.budget.watts, "config") }
        let parts = Calendar.current.dateComponents([.hour, .minute], from: now)
        return (config.budget.watts(atMinute: (parts.hour ?? 0) * 60 + (parts.minute ?? 0)), "config schedule")
    }

    func setBudget(_ watts: Double?) { budgetOverride = watts }

    func setBoard(_ board: HardwareInfo) { self.board = board }

    func setMeasuring(_ value: Bool) { measuring = value }

    func noteModeSwitch(_ summary: String, failed: Bool, retryAfter seconds: Double, now: Date = Date()) {
        lastModeSwitch = summary
        modeRetryAt = failed ? now.addingTimeInterval(seconds) : nil
    }

    /// A reloaded config: budget, SLO, accuracy floor and policy knobs take effect at once;
    /// models, paths, the socket and reporting only at the next start.
    func reload(_ new: DaemonConfig) -> [String] {
        var later: [String] = []
        if new.models != config.models { later.append("models") }
        if new.socket != config.socket || new.stateDirectory != config.stateDirectory || new.boardRoot != config.boardRoot { later.append("paths") }
        if new.threads != config.threads || new.measureSeconds != config.measureSeconds { later.append("measurement settings") }
        if new.report != config.report { later.append("reporting (metrics, report)") }
        var applied = new
        applied.report = config.report
        applied.models = config.models
        applied.socket = config.socket
        applied.stateDirectory = config.stateDirectory
        applied.boardRoot = config.boardRoot
        config = applied
        return later
    }

    func setPhase(_ name: String, _ phase: Phase, failure: String? = nil) {
        models[name]?.phase = phase
        models[name]?.failure = failure
    }

    func setMeasured(_ name: String, _ prepared: PreparedModel, _ measured: MeasuredModel) {
        models[name]?.prepared = prepared
        models[name]?.measured = measured
        models[name]?.phase = .serving
        models[name]?.version = prepared.version
    }

    /// A new version's candidates replace the serving ones (the policy chooses among them next).
    func promote(_ name: String, _ prepared: PreparedModel, _ measured: MeasuredModel, note: String) {
        setMeasured(name, prepared, measured)
        models[name]?.pinned = nil
        models[name]?.versionNote = note
    }

    func noteVersion(_ name: String, _ note: String) { models[name]?.versionNote = note }

    /// The constraints in force now for `model`. The power mode is the board's: only the first
    /// configured model's decisions may change it (the others choose within it), and not while
    /// a failed switch's retry time runs.
    func constraints(for model: String? = nil, now: Date = Date()) -> Constraints {
        let leads = model == nil || model == config.models.first?.name
        let paused = modeRetryAt.map { now < $0 } ?? false
        return Constraints(budgetWatts: budget().watts, sloP99Ms: config.sloP99Ms, maxAccuracyDropPoints: config.maxAccuracyDropPoints,
                           allowPowerModeSwitching: config.allowPowerModeSwitching && leads && !paused, powerModes: powerModes,
                           currentPowerMode: board.powerMode)
    }

    /// False when one is already under way.
    func startRemeasuring(_ name: String) -> Bool {
        guard models[name]?.remeasuring == false else { return false }
        models[name]?.remeasuring = true
        return true
    }

    func stopRemeasuring(_ name: String) { models[name]?.remeasuring = false }

    /// Candidates measured again (drift, a new power mode) replace the old ones of the same id.
    func merge(_ name: String, _ measured: MeasuredModel) {
        models[name]?.measured?.merge(measured)
    }

    func model(_ name: String) throws(DaemonError) -> Model {
        guard let model = models[name] else {
            throw DaemonError(.model, "no model '\(name.prefix(64))' (models: \(models.keys.sorted().joined(separator: ", ")))")
        }
        return model
    }

    func pin(_ name: String, candidate: String?) throws(DaemonError) {
        let model = try model(name)
        if let candidate {
            guard model.measured?.candidates.contains(where: { $0.id == candidate }) == true else {
                throw DaemonError(.request, "model '\(name)' has no candidate '\(candidate.prefix(80))' (see GET /v1/models/\(name)/candidates)")
            }
        }
        models[name]?.pinned = candidate
    }

    func record(_ name: String, decision: Decision, state: PolicyState, at date: Date) {
        models[name]?.policy = state
        models[name]?.last = decision
        models[name]?.lastAt = date
        decisionsMade += 1
    }
}
