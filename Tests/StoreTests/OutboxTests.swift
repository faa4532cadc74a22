import Basics
import Foundation
import GRDB
import Store
import Testing

/// The outbox: entries in id order until an endpoint settles them; events queued in the
/// transaction of the decision or run they describe; bounds fold before they drop.
@Suite struct OutboxTests {
    static func store(events: Bool = false) throws -> (ResultStore, String) {
        let path = ResultStoreTests.temporary()
        return (try ResultStore(path: path, queuesEvents: events), (path as NSString).deletingLastPathComponent)
    }

    @Test func entriesWaitInOrderUntilSettled() throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ids = try (0..<5).map { try store.appendOutbox(kind: OutboxEntry.samples, payload: "{\"n\":\($0)}") }
        try store.appendOutbox(kind: OutboxEntry.event, payload: "{}")
        let pending = try store.pendingOutbox(kind: OutboxEntry.samples, limit: 3)
        #expect(pending.map(\.id) == Array(ids.prefix(3)))
        // The byte limit stops a batch, but never before its first entry.
        #expect(try store.pendingOutbox(kind: OutboxEntry.samples, limit: 10, maxBytes: 1).count == 1)
        try store.outboxDelivered([ids[0], ids[1]], endpoint: "remote-write")
        try store.outboxRejected([ids[2]], endpoint: "remote-write", reason: "HTTP 400: out of bounds")
        try store.outboxAttemptFailed(endpoint: "remote-write", reason: "HTTP 503")
        #expect(try store.pendingOutbox(kind: OutboxEntry.samples, limit: 10).map(\.id) == [ids[3], ids[4]])
        let status = try store.outboxStatus()
        let samples = try #require(status.backlog.first { $0.kind == OutboxEntry.samples })
        #expect(samples.depth == 2 && samples.oldest != nil)
        #expect(status.backlog.first { $0.kind == OutboxEntry.event }?.depth == 1)
        let endpoint = try #require(status.endpoints.first)
        #expect(endpoint.delivered == 2 && endpoint.rejected == 1 && endpoint.lastRejection == "HTTP 400: out of bounds")
        #expect(endpoint.lastError == "HTTP 503" && endpoint.lastSuccessAt != nil)
    }

    @Test func decisionsAndRunsQueueTheirEventInTheirOwnTransaction() throws {
        let (store, directory) = try Self.store(events: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try store.record(ResultStoreTests.run())
        let id = try store.record(DecisionRecord(createdAt: Date(), model: "mnist", code: "switchDown", reason: "over budget", candidate: "int8 ×1",
                                                 precision: .int8, threads: 1, powerMode: nil, variantSHA256: nil, predictedWatts: 4,
                                                 budgetWatts: 5, rateHz: 10, inputsJSON: "{\"big\":true}"))
        let events = try store.pendingOutbox(kind: OutboxEntry.event, limit: 10)
        #expect(events.count == 2)
        let decision = try JSONSerialization.jsonObject(with: Data(events[1].payload.utf8)) as? [String: Any]
        #expect(decision?["type"] as? String == "decision")
        let data = decision?["data"] as? [String: Any]
        #expect(data?["code"] as? String == "switchDown" && (data?["id"] as? Int).map(Int64.init) == id)
        #expect(events[0].payload.contains("\"type\":\"measurement\""))
        // A store without senders queues nothing.
        let (plain, other) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: other) }
        try plain.record(ResultStoreTests.run())
        #expect(try plain.pendingOutbox(kind: OutboxEntry.event, limit: 10).isEmpty)
    }

    @Test func theBoundFoldsTheOldestBeforeDroppingAnything() throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let payload = String(repeating: "x", count: 100)
        for _ in 0..<50 { try store.appendOutbox(kind: OutboxEntry.samples, payload: payload) }
        let first = try store.pendingOutbox(kind: OutboxEntry.samples, limit: 1)[0].id
        var foldedSizes: [Int] = []
        // 5000 bytes waiting, 3000 allowed: two folds of 20 entries into one each bring it to 1200.
        let result = try store.boundOutbox(kind: OutboxEntry.samples, maxBytes: 3000, maxAge: 3600, foldBatch: 20) { entries in
            foldedSizes.append(entries.count)
            return "{\"folded\":\(entries.count)}"
        }
        #expect(foldedSizes == [20, 20] && result.folded == 40 && result.dropped == 0)
        let left = try store.pendingOutbox(kind: OutboxEntry.samples, limit: 100)
        #expect(left.count == 12 && left[0].id == first && left[0].payload == "{\"folded\":20}")
        // Nothing raw left to fold under a tiny bound: the oldest are dropped, and counted.
        let tight = try store.boundOutbox(kind: OutboxEntry.samples, maxBytes: 150, maxAge: 3600) { _ in nil }
        #expect(tight.dropped == 11)
        let backlog = try #require(try store.outboxStatus().backlog.first { $0.kind == OutboxEntry.samples })
        #expect(backlog.depth == 1 && backlog.foldedRows == 40 && backlog.droppedRows == 11)
    }

    @Test func entriesOlderThanTheAgeBoundAreDropped() throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try store.appendOutbox(kind: OutboxEntry.event, payload: "{}", at: Date(timeIntervalSinceNow: -7200))
        try store.appendOutbox(kind: OutboxEntry.event, payload: "{}")
        let result = try store.boundOutbox(kind: OutboxEntry.event, maxBytes: 1 << 20, maxAge: 3600) { _ in nil }
        let left = try store.pendingOutbox(kind: OutboxEntry.event, limit: 10)
        #expect(result.dropped == 1 && left.count == 1)
    }
}
