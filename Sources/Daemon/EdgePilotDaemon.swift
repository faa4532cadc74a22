import ArgumentParser
import Probe

/// `edgepilotd` — the service systemd runs. In this build it only reports its version: the
/// services (store, probe, sampler, policy loop, local API) arrive with the daemon issue.
@main
struct EdgePilotDaemon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgepilotd",
        abstract: "The EdgePilot daemon. This build only reports its version (--version); it runs no services yet.",
        version: EdgePilotVersion.string)

    func run() throws {
        print("edgepilotd \(EdgePilotVersion.string): this build runs no services yet; use `edgepilot` for hw.")
        throw ExitCode(EXIT_CODE_NOT_IMPLEMENTED)
    }
}

/// EX_CONFIG from sysexits.h: systemd shows the unit as failed rather than as running.
let EXIT_CODE_NOT_IMPLEMENTED: Int32 = 78
