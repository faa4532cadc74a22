import Foundation
import Measure
import Policy
import Probe

/// Sets the Jetson power mode with `nvpmodel -m <id>` (the id from the board's nvpmodel.conf),
/// with a time limit, and reads the mode back through the probe: a switch is done only when the
/// board reports the new mode. On a simulated rail, the rail then draws what the config gives
/// for that mode.
struct PowerModeControl: Sendable {
    /// What one run of the tool did, for the log and the decisions table.
    struct Switch: Sendable {
        var from: String?
        var to: String
        var command: [String]
        var run: TimedCommand?
        /// The board probed after the run (nil: the probe failed).
        var board: HardwareInfo?
        /// Why the switch did not happen (nil: the board reports `to`).
        var failure: String?

        var succeeded: Bool { failure == nil }

        /// `nvpmodel -m 1 (15W → 25W): exit 0 in 0.04 s` and, on failure, why and the tool's output.
        var summary: String {
            let head = "\(command.joined(separator: " ")) (\(from ?? "?") → \(to))"
            let outcome = run.map { ": \($0.outcome)" + ($0.status == nil ? "" : " in \(String(format: "%.2f", $0.seconds)) s") } ?? ""
            guard let failure else { return head + outcome }
            let output = run.map { $0.output.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            return head + outcome + ": " + failure + (output.map { "; output: \(String($0.suffix(400)))" } ?? "")
        }
    }

    let config: DaemonConfig
    let profiles: [BoardProfile]
    let energy: EnergySetup
    /// nvpmodel.conf's modes, name → id.
    let ids: [String: Int]

    init(config: DaemonConfig, profiles: [BoardProfile], energy: EnergySetup) {
        self.config = config
        self.profiles = profiles
        self.energy = energy
        ids = HardwareProbe.nvpmodelModes(root: config.boardRoot)
    }

    /// The modes to measure candidates in, the current one first: with switching allowed, the
    /// configured ones, else every mode the profile lists live (no reboot) that nvpmodel.conf names.
    func measurable(current: String?, profile: [PowerModeSpec]) -> [String] {
        guard config.allowPowerModeSwitching, let current else { return [current].compactMap { $0 } }
        let live = profile.filter { !$0.needsReboot }.map(\.name)
        let others = (config.nvpmodel.measureModes ?? live).filter { $0 != current && ids[$0] != nil && live.contains($0) }
        return [current] + others
    }

    /// The board as it is now (the mode, the clocks), or nil when the probe fails.
    func probe() -> HardwareInfo? {
        try? HardwareProbe.probe(.init(root: config.boardRoot, profiles: profiles))
    }

    /// Runs the tool (blocking, up to its time limit) and reads the mode back.
    func switchTo(_ mode: String, from current: String?) -> Switch {
        var result = Switch(from: current, to: mode, command: config.nvpmodel.command)
        guard let id = ids[mode] else {
            result.failure = "the board's nvpmodel.conf has no mode '\(mode)' (it has \(ids.keys.sorted().joined(separator: ", ")))"
            return result
        }
        result.command += ["-m", String(id)]
        let run = TimedCommand.run(result.command[0], Array(result.command.dropFirst()), timeoutSeconds: config.nvpmodel.timeoutSeconds,
                                   includeStderr: true)
        result.run = run
        result.board = probe()
        let reported = result.board?.powerMode
        if run.status != 0 {  // nil too: killed at the limit, or not started
            result.failure = run.timedOut ? "no answer within the limit" : run.failure ?? "the tool failed"
        } else if reported != mode {
            result.failure = "the tool exited 0 but the board reports \(reported ?? "no mode")"
        }
        // A simulated board draws what its current mode draws, whatever the tool did.
        if let reported { simulate(mode: reported) }
        return result
    }

    /// On a simulated rail: draw what the config gives for `mode` (`simulatePowerModes`, else `simulatePower`).
    func simulate(mode: String?) {
        guard let simulated = config.simulatePower else { return }
        energy.simulate(mode.flatMap { config.simulatePowerModes[$0] } ?? simulated)
    }
}
