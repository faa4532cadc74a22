import ArgumentParser
import Daemon
import Logging
import Probe

/// `edgepilotd` — the service systemd runs: it parses its arguments and runs the agent
/// (`Daemon.EdgePilotAgent`); the logic is in the library.
@main
struct EdgePilotDaemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgepilotd",
        abstract: "The EdgePilot agent: measures model variants on this board, chooses one under the power budget, serves it on a Unix socket.",
        discussion: "The config is documented key by key in docs/config.md; the control API in docs/api.md. SIGHUP reloads the config.",
        version: EdgePilotVersion.string)

    @Option(name: .long, help: ArgumentHelp("The config file.", valueName: "path")) var config = "/etc/edgepilot/config.yaml"
    @Flag(name: .long, help: "Log every decision and measurement step (debug level).") var verbose = false

    func run() async throws {
        _ = EdgePilotAgent.runConcurrencyOnEventLoops()
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "edgepilotd")
        logger.logLevel = verbose ? .debug : .info
        do {
            try await EdgePilotAgent.run(configPath: config, version: EdgePilotVersion.string, logger: logger)
        } catch let error as DaemonError {
            logger.critical("\(error.message)")
            throw ExitCode(error.code == .config ? 78 : 1)  // EX_CONFIG: systemd shows the unit as failed
        }
    }
}
