import ArgumentParser
import Probe

/// `edgepilot` — the operator CLI. Commands only parse arguments, call library modules and
/// print; the logic lives in the modules (STYLE §7).
@main
struct EdgePilotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgepilot",
        abstract: "Measure, choose and run the best model variant on this board under a power budget.",
        version: EdgePilotVersion.string,
        subcommands: [HwCommand.self, PullCommand.self, ModelsCommand.self, ManifestCommand.self, InspectCommand.self, RunCommand.self,
                      QuantizeCommand.self, BenchCommand.self, ResultsCommand.self, SimulateCommand.self,
                      StatusCommand.self, BudgetCommand.self, PinCommand.self, UnpinCommand.self, DecisionsCommand.self, InferCommand.self, ReportCommand.self,
                      VersionCommand.self])
}
