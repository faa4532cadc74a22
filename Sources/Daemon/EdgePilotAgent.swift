import Agent
import Bench
import Engine
import Fleet
import Foundation
import Hummingbird
import Logging
import Measure
import NIOCore
import NIOPosix
import Policy
import Probe
import Registry
import ServiceLifecycle
import Store
import UnixSignals
import Variants

/// Stage 7 — the daemon: one group of services — the policy loop (which first prepares and
/// measures the models), the control API on the Unix socket, and SIGHUP reloading — started
/// in that order and stopped in reverse on SIGTERM/SIGINT within a bounded time. `edgepilotd`
/// only parses its arguments and calls `run`.
public enum EdgePilotAgent {
    /// Runs Swift concurrency's jobs on the event loops that serve the socket, so a request's
    /// handler does not hop between thread pools. Call first, from the main thread, once.
    public static func runConcurrencyOnEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    public static func run(configPath: String, version: String, logger: Logger) async throws {
        let config = try ConfigParser.load(configPath)
        let profiles = try loadProfiles(config)
        let board: HardwareInfo
        do {
            board = try HardwareProbe.probe(.init(root: config.boardRoot, profiles: profiles))
        } catch {
            throw DaemonError(.startup, "board at \(config.boardRoot): \(error.message)")
        }
        let host = try HostCPU.resolve(board: board, root: config.boardRoot, probeThisMachine: HostCPU.probeThisMachine)
        OpenBLASCore.ensurePreferredKernel(features: host.features, coreNames: host.coreNames)
        if let note = host.note { logger.notice("\(note)") }
        let options: Compiler.Options
        do {
            options = Compiler.Options(isa: try host.isaLevel(requested: config.kernels), threads: 1)
        } catch {
            throw DaemonError(.startup, "kernels: \(error.message)")
        }
        let store: ResultStore
        do {
            try FileManager.default.createDirectory(atPath: config.stateDirectory, withIntermediateDirectories: true)
            store = try ResultStore(path: config.databasePath, queuesEvents: config.report.events != nil)
        } catch {
            throw DaemonError(.startup, "state directory \(config.stateDirectory): \(error)")
        }
        let energy: EnergySetup
        do {
            energy = try EnergySetup.choose(board: board, root: config.boardRoot, simulate: config.simulatePower, rateHz: 100)
        } catch {
            throw DaemonError(.startup, error.description)
        }
        defer { energy.stop() }
        if let note = energy.note { logger.notice("\(note)") }
        logger.notice("energy: \(energy.meter.description)")

        let modes = profiles.first { $0.id == board.profile }.map(PowerModeSpec.modes(of:)) ?? []
        let state = DaemonState(config: config, board: board, powerModes: modes)
        let metrics = FleetMetrics()
        let workers = Dictionary(uniqueKeysWithValues: config.models.map {
            ($0.name, InferenceWorker(name: $0.name, limit: config.queueLimit, activity: energy.activity, metrics: metrics))
        })
        let notifier = Notifier()
        let wakeup = Wakeup()
        let wake: @Sendable () -> Void = { wakeup.signal() }
        let log: @Sendable (String) -> Void = { [logger] in logger.info("\($0)") }
        let session = BenchSession(board: board, root: config.boardRoot, energy: energy, store: store, log: log)
        let modeControl = PowerModeControl(config: config, profiles: profiles, energy: energy)
        modeControl.simulate(mode: board.powerMode)
        let measurements = Measurements(state: state, workers: workers, session: session, modes: modeControl, store: store, options: options,
                                        logger: logger)
        let pull = RegistryPull(config: config, device: DeviceCapabilities(board), options: options, log: log)
        let loop = PolicyLoop(state: state, workers: workers, measurements: measurements, pull: pull, store: store, options: options,
                              root: config.boardRoot, wakeup: wakeup, notifier: notifier, metrics: metrics, logger: logger)
        let manager = ModelManager(state: state, pull: pull, measurements: measurements, store: store, metrics: metrics, logger: logger, wake: wake)
        let refresh = MetricsRefresh(metrics: metrics, state: state, workers: workers, energy: energy, store: store, board: board, root: config.boardRoot)
        let reporting = ReportingService(config, board: board, refresh: refresh, store: store, version: version, logger: logger)
        let api = ControlAPI(state: state, workers: workers, store: store, energy: energy, version: version, wake: wake)
        let socketGroup = config.socketGroup.flatMap(PeerCredentials.groupID), serverName = "edgepilotd/\(version)"
        let application = Application(
            router: api.router(group: socketGroup),
            server: .http1(configuration: .init(additionalChannelHandlers: [InferFastPath(workers: workers, group: socketGroup, serverName: serverName)])),
            configuration: .init(address: .unixDomainSocket(path: config.socket), serverName: serverName),
            onServerRunning: { _ in
                secureSocket(config, logger: logger)
                logger.notice("control API on \(config.socket)")
            },
            logger: logger)
        try SocketDirectory.prepare(config.socket, group: config.socketGroup)
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: loop), .init(service: manager, successTerminationBehavior: .ignore), .init(service: application),
                .init(service: ReloadService(path: configPath, state: state, notifier: notifier, logger: logger, wake: wake)),
                .init(service: reporting),
            ] + (config.report.metrics.map { [.init(service: MetricsServer.application($0, refresh: refresh, serverName: serverName, logger: logger))] } ?? []),
            gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger))
        defer {
            notifier.stopping()
            try? FileManager.default.removeItem(atPath: config.socket)
        }
        try await group.run()
    }

    static func loadProfiles(_ config: DaemonConfig) throws(DaemonError) -> [BoardProfile] {
        let directory = config.profiles ?? ProfileLoader.defaultDirectories(executablePath: Bundle.main.executablePath,
                                                                          environment: ProcessInfo.processInfo.environment)
            .first { FileManager.default.fileExists(atPath: $0) }
        guard let directory else { throw DaemonError(.startup, "no board profiles directory found; set profiles: in the config") }
        do {
            return try ProfileLoader.load(directory: directory)
        } catch {
            throw DaemonError(.startup, "profiles: \(error)")
        }
    }

    /// The socket: mode 0660, group `socketGroup` — who may connect at all (SO_PEERCRED checks each connection too).
    static func secureSocket(_ config: DaemonConfig, logger: Logger) {
        chmod(config.socket, 0o660)
        if let name = config.socketGroup, let gid = PeerCredentials.groupID(name) {
            if chown(config.socket, uid_t.max, gid) != 0 { logger.warning("cannot give \(config.socket) to group \(name): errno \(errno)") }
        }
    }
}
