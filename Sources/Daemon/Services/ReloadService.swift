import Logging
import ServiceLifecycle
import UnixSignals

/// SIGHUP reloads the config: a config that does not parse is refused with file:line:column and
/// the one in force stays; a good one's budget, SLO, accuracy floor and policy knobs apply at once.
struct ReloadService: Service {
    let path: String
    let state: DaemonState
    let notifier: Notifier
    let logger: Logger
    let wake: @Sendable () -> Void

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            notifier.reloading()
            do {
                let config = try ConfigParser.load(path)
                let later = await state.reload(config)
                let note = later.isEmpty ? "" : "; \(later.joined(separator: ", ")) change at the next start"
                logger.notice("reloaded \(path)\(note)")
                wake()
            } catch {
                logger.error("SIGHUP: \(error) — the config in force stays")
            }
            notifier.ready()
        }
    }
}
