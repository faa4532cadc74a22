import Fleet
import Foundation
import Logging
import Probe
import ServiceLifecycle
import Store

/// Fleet reporting: every `sampleSeconds` it brings the metrics up to date, queues a snapshot of
/// them for remote-write (what a scrape of `/metrics` would store, at this time), keeps the
/// outbox within its bounds (snapshots folded before anything is dropped) and wakes the senders,
/// which deliver on threads of their own.
struct ReportingService: Service {
    let refresh: MetricsRefresh
    let store: ResultStore
    let report: DaemonConfig.Report
    let senders: [SenderLoop]
    let logger: Logger

    /// With a sender per configured endpoint; the device, board and profile label every series.
    init(_ config: DaemonConfig, board: HardwareInfo, refresh: MetricsRefresh, store: ResultStore, version: String, logger: Logger) {
        let device = Self.deviceID(config.report.deviceId)
        let identity: [MetricSample.Label] = [.init("device", device), .init("board", board.boardName ?? "unknown"),
                                              .init("profile", board.profile ?? "none")]
        let log: @Sendable (String) -> Void = { [logger] in logger.notice("\($0)") }
        var senders: [SenderLoop] = []
        for (what, endpoint, format) in [("metrics", config.report.remoteWrite, OutboxSender.Format.remoteWrite(identity: identity)),
                                         ("events", config.report.events, .events(device: device))] {
            guard let endpoint else { continue }
            var sender = OutboxSender(endpoint: endpoint, format: format, store: store)
            sender.userAgent = "edgepilotd/\(version)"
            sender.log = log
            senders.append(SenderLoop(sender, log: log))
            logger.notice("reporting \(what) to \(endpoint.displayURL) as device \(device)")
        }
        self.refresh = refresh
        self.store = store
        report = config.report
        self.senders = senders
        self.logger = logger
    }

    func run() async throws {
        for sender in senders { sender.start() }
        defer { for sender in senders { sender.stop() } }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await tick()
                try? await Task.sleep(for: .seconds(report.sampleSeconds))
            }
        }
    }

    func tick(now: Date = Date()) async {
        await refresh.refresh()
        do {
            if report.remoteWrite != nil {
                let samples = try Exposition.parse(String(decoding: refresh.metrics.exposition(), as: UTF8.self))
                try store.appendOutbox(kind: OutboxEntry.samples,
                                       payload: try Snapshot(t: Int64((now.timeIntervalSince1970 * 1000).rounded()), samples: samples).json(), at: now)
            }
            for kind in [OutboxEntry.samples, OutboxEntry.event] {
                let (folded, dropped) = try store.boundOutbox(kind: kind, maxBytes: report.outboxMaxBytes, maxAge: report.outboxMaxAgeHours * 3600, now: now) {
                    kind == OutboxEntry.samples ? (try? Snapshot.fold($0)?.json()) : nil
                }
                if folded + dropped > 0 { logger.notice("outbox (\(kind)): over its bounds: \(folded) entries folded, \(dropped) dropped") }
            }
        } catch {
            logger.error("reporting: \(error)")
        }
        for sender in senders { sender.wake() }
    }

    /// The device's identity: the configured id, else /etc/machine-id.
    static func deviceID(_ configured: String?) -> String {
        if let configured { return configured }
        let id = (try? String(contentsOfFile: "/etc/machine-id", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return id.isEmpty ? "unknown" : id
    }
}
