import Basics
import Foundation
import Store

/// Delivers one kind of outbox entry to one endpoint, oldest first, in batches: at least once
/// (an entry leaves the outbox only after the endpoint took or refused it), each batch carrying
/// an idempotency key made of the device and its entries' ids, so a batch sent again after a
/// crash is recognisable. `drain` blocks (libcurl): call it off the cooperative pool.
public struct OutboxSender: Sendable {
    public enum Format: Sendable, Equatable {
        /// Prometheus remote-write; these labels (device, board, profile) go on every series.
        case remoteWrite(identity: [MetricSample.Label])
        /// Newline-delimited JSON, one object per event, with the device and the entry's id.
        case events(device: String)

        var kind: String {
            if case .remoteWrite = self { return OutboxEntry.samples }
            return OutboxEntry.event
        }
    }

    public let endpoint: Endpoint
    public let format: Format
    public let store: ResultStore
    public var backoff = Backoff(baseSeconds: 1, maxSeconds: 300, maxRetryAfterSeconds: 900)
    public var batchEntries = 200
    public var batchBytes = 1 << 20
    public var userAgent = "edgepilotd"
    /// Told what each try came to (for the log).
    public var log: @Sendable (String) -> Void = { _ in }

    public init(endpoint: Endpoint, format: Format, store: ResultStore) {
        self.endpoint = endpoint
        self.format = format
        self.store = store
    }

    public enum Round: Equatable, Sendable {
        /// Nothing is waiting.
        case idle
        /// A try failed and is to be repeated after this many seconds.
        case retry(afterSeconds: Double, reason: String)
    }

    /// Sends what is waiting until nothing is, or a try fails (then says when to try again).
    /// `attempt` counts the failed tries in a row (for the backoff); a success resets it.
    public func drain(attempt: inout Int, shouldStop: () -> Bool = { false }) throws(FleetError) -> Round {
        while !shouldStop() {
            let entries: [OutboxEntry]
            do {
                entries = try store.pendingOutbox(kind: format.kind, limit: batchEntries, maxBytes: batchBytes)
            } catch {
                throw FleetError(.store, error.message)
            }
            guard !entries.isEmpty else { return .idle }
            do {
                let batch = try encode(entries)
                if !batch.unreadable.isEmpty {
                    try store.outboxRejected(batch.unreadable, endpoint: endpoint.name, reason: "unreadable outbox entry (not sent)")
                }
                let sendable = batch.sendable
                guard !sendable.isEmpty else { continue }
                let key = "\(deviceName)-\(sendable[0].id)-\(sendable[sendable.count - 1].id)"
                let answer = try Poster.post(endpoint, headers: batch.headers + ["Idempotency-Key: \(key)"], body: batch.body, userAgent: userAgent)
                switch Delivery.judge(answer, attempt: attempt, backoff: backoff) {
                case .delivered:
                    try store.outboxDelivered(sendable.map(\.id), endpoint: endpoint.name)
                    attempt = 0
                case .rejected(let reason):
                    try store.outboxRejected(sendable.map(\.id), endpoint: endpoint.name, reason: reason)
                    log("\(endpoint.name): entries \(sendable[0].id)…\(sendable[sendable.count - 1].id) refused for good: \(reason)")
                    attempt = 0
                case .retry(let reason, let after):
                    try store.outboxAttemptFailed(endpoint: endpoint.name, reason: reason)
                    attempt += 1
                    return .retry(afterSeconds: after, reason: reason)
                }
            } catch let error as FleetError {
                throw error
            } catch let error as StoreError {
                throw FleetError(.store, error.message)
            } catch {
                throw FleetError(.transport, "\(endpoint.name): \(error)")
            }
        }
        return .idle
    }

    private var deviceName: String {
        switch format {
        case .remoteWrite(let identity): return identity.first { $0.name == "device" }?.value ?? "device"
        case .events(let device): return device
        }
    }

    struct Batch {
        var sendable: [OutboxEntry] = []
        /// Ids of the entries that cannot be read (never sent).
        var unreadable: [Int64] = []
        var body: [UInt8] = []
        var headers: [String] = []
    }

    private func encode(_ entries: [OutboxEntry]) throws(FleetError) -> Batch {
        var batch = Batch()
        switch format {
        case .remoteWrite(let identity):
            var snapshots: [Snapshot] = []
            for entry in entries {
                if let s = try? Snapshot.read(entry.payload, entry: entry.id) {
                    snapshots.append(s)
                    batch.sendable.append(entry)
                } else {
                    batch.unreadable.append(entry.id)
                }
            }
            if !snapshots.isEmpty { batch.body = try RemoteWrite.body(snapshots, identity: identity) }
            batch.headers = RemoteWrite.headers
        case .events(let device):
            let prefix = "{\"device\":\(Self.jsonString(device)),\"id\":"
            for entry in entries {
                let payload = entry.payload.trimmingCharacters(in: .whitespacesAndNewlines)
                guard payload.hasPrefix("{"), payload.count > 2, !payload.contains("\n") else {
                    batch.unreadable.append(entry.id)
                    continue
                }
                batch.body += Array((prefix + "\(entry.id)," + payload.dropFirst() + "\n").utf8)
                batch.sendable.append(entry)
            }
            batch.headers = ["Content-Type: application/x-ndjson"]
        }
        return batch
    }

    static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
