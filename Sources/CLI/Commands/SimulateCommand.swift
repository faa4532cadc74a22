import Agent
import ArgumentParser
import Foundation
import Policy
import Probe
import Store

/// `edgepilot simulate`: replays a trace of request rate, budget and throttling with the policy,
/// an oracle that knows the future and two single-knob baselines (`Policy.Simulator`), and
/// prints how close the policy comes to the oracle.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay a trace with the policy, an oracle and single-knob baselines; print decision quality.",
        discussion: """
            The trace is CSV with a header: t_s,rate_hz,budget_w and optional slowdown (latency multiplier from \
            throttling) and slo_p99_ms; each row holds until the next. Candidates come from --variants (a JSON list: \
            docs/simulate.md) or from the runs stored in --db. At each step the policy sees the previous step's rate and \
            slowdown; the oracle sees everything. Power modes come from the board profile (--board, or the profile the \
            stored runs name): modes that need a reboot are never chosen.
            """)

    @Option(name: .long, help: ArgumentHelp("Candidates as a JSON list (docs/simulate.md).", valueName: "file.json")) var variants: String?
    @Option(name: .long, help: ArgumentHelp("Take the candidates from the runs stored in this results database.", valueName: "path")) var db: String?
    @Option(name: .long, help: ArgumentHelp("With --db: the model whose runs are the candidates (as `results` lists it).", valueName: "name"))
    var model: String?
    @Option(name: .long, help: ArgumentHelp("The trace (CSV).", valueName: "file.csv")) var trace: String
    @Option(name: .long, help: ArgumentHelp("p99 SLO where the trace has no slo_p99_ms column.", valueName: "ms")) var sloP99Ms: Double?
    @Option(name: .long, help: ArgumentHelp("Accuracy points a variant may lose against FP32.", valueName: "points")) var maxAccuracyDrop: Double?
    @Option(name: .long, help: ArgumentHelp("Board profile id for the power modes (e.g. jetson-orin-nano); with --db, whose runs to take (default: the newest run's board).", valueName: "id"))
    var board: String?
    @Flag(name: .long, help: "Do not switch power modes: only candidates of --power-mode.") var noModeSwitching = false
    @Option(name: .long, help: ArgumentHelp("The mode the board is in (with --no-mode-switching).", valueName: "name")) var powerMode: String?
    @Option(name: .long, help: ArgumentHelp("The budget is an average over this many seconds (0: each step on its own).", valueName: "s"))
    var budgetWindow = 10.0
    @Option(name: .long, help: ArgumentHelp("Seconds a candidate runs before the policy moves to a better one.", valueName: "s"))
    var dwell = PolicySettings().dwellSeconds
    @Option(name: .long, help: ArgumentHelp("Headroom a better candidate must leave under every limit, %.", valueName: "percent"))
    var headroom = PolicySettings().headroomPercent
    @Flag(name: .long, help: "Print JSON (keys in docs/simulate.md).") var json = false
    @Flag(name: .long, help: "Also list every step: what the policy and the oracle ran, and why the policy chose it.") var timeline = false
    @OptionGroup var profileOptions: ProfileOptions

    func validate() throws {
        guard (variants == nil) != (db == nil) else { throw ValidationError("give either --variants FILE.json or --db PATH") }
        if model != nil && db == nil { throw ValidationError("--model goes with --db") }
        if noModeSwitching && powerMode == nil { throw ValidationError("--no-mode-switching needs --power-mode NAME (the mode the board stays in)") }
        guard budgetWindow >= 0, budgetWindow.isFinite, dwell >= 0, (0..<100).contains(headroom) else {
            throw ValidationError("--budget-window and --dwell must be ≥ 0, --headroom in [0, 100)")
        }
    }

    func run() throws {
        let trace = try Trace.parse(try text(self.trace), source: self.trace)
        let (candidates, recordedProfile) = try loadCandidates()
        var settings = Simulator.Settings(sloP99Ms: sloP99Ms, maxAccuracyDropPoints: maxAccuracyDrop, allowPowerModeSwitching: !noModeSwitching,
                                          currentPowerMode: powerMode, budgetWindowSeconds: budgetWindow)
        settings.timeline = timeline
        settings.policy.dwellSeconds = dwell
        settings.policy.headroomPercent = headroom
        if let id = board ?? recordedProfile {
            guard let profile = try profileOptions.load().first(where: { $0.id == id }) else { throw CLIError("--board \(id): no such profile") }
            settings.powerModes = PowerModeSpec.modes(of: profile)
        }
        let report = try Simulator.run(trace, candidates: candidates, settings: settings)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(SimulationTable.text(report, trace: self.trace, candidates: candidates.count), terminator: "")
        }
    }

    private func loadCandidates() throws -> (candidates: [Candidate], profile: String?) {
        if let variants {
            guard let data = FileManager.default.contents(atPath: variants) else { throw CLIError("cannot read \(variants)") }
            return (try CandidateTable.parse(data, source: variants), nil)
        }
        guard let db, FileManager.default.fileExists(atPath: db) else { throw CLIError("no results database at \(db ?? "")") }
        let found = try Candidates.stored(in: try ResultStore(path: db), model: model, profile: board)
        for line in found.leftOut { say("left out: \(line)") }
        say("\(found.candidates.count) candidate(s) of \(found.model) from \(db)" + (found.profile.map { " (runs on \($0) boards)" } ?? ""))
        return (found.candidates, found.profile)
    }

    private func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        guard data.count <= 256 << 20 else { throw CLIError("\(path): \(data.count) bytes, over the 256 MiB a trace may have") }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The simulation as a table: policy, oracle and baselines side by side.
enum SimulationTable {
    static func text(_ report: SimulationReport, trace: String, candidates: Int) -> String {
        var out = String(format: "trace %@: %d steps, %.0f s; budget averaged over %.0f s; %d candidate(s), %@\n", trace, report.steps,
                         report.durationSeconds, report.budgetWindowSeconds, candidates, report.oracle.candidates)
        let excluded = Dictionary(grouping: report.excluded.map { $0.split(separator: ":", maxSplits: 1).map(String.init) }, by: { $0.last ?? "" })
        for (why, lines) in excluded.sorted(by: { $0.key < $1.key }) {
            out += "  never chosen (\(why.trimmingCharacters(in: .whitespaces))): \(lines.map { $0[0] }.joined(separator: ", "))\n"
        }
        let widths = [-52, 9, 9, 9, 9, 12, 8]
        out += Column.row(["", "over %", "/step %", "SLO %", "top-1 %", "energy J", "switches"], widths: widths) + "\n"
        let rows = [("policy", report.policy), ("oracle (knows the future)", report.oracle)]
            + report.baselines.sorted { $0.key > $1.key }.map { ("\($0.key): \($0.value.candidates)", $0.value) }
        for (name, o) in rows {
            out += Column.row([String(name.prefix(52)), String(format: "%.2f", o.budgetViolationPercent), String(format: "%.2f", o.budgetViolationPercentPerStep),
                               String(format: "%.2f", o.sloViolationPercent), String(format: "%.2f", o.meanTop1), String(format: "%.1f", o.energyJoules),
                               "\(o.switches)"], widths: widths) + "\n"
        }
        out += String(format: "policy vs oracle: top-1 %+.2f pt, energy %+.2f %%\n", report.meanTop1 - report.oracleMeanTop1,
                      100 * (report.energyJoules / max(1e-12, report.oracleEnergyJoules) - 1))
        out += "decisions: " + report.decisions.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            + "; re-measure requests \(report.remeasureRequests)\n"
        for step in report.timeline ?? [] {
            out += String(format: "%8.1f s  policy %-34@ %6.2f W (%@)   oracle %-34@ %6.2f W\n", step.time, step.policy as NSString, step.policyWatts,
                          step.decision as NSString, step.oracle as NSString, step.oracleWatts)
        }
        return out
    }
}
