import Foundation
import GRDB

/// The outbox: reports appended (by id, in the transaction of the state they describe when there
/// is one), delivered in id order by the senders, deleted once an endpoint took them or refused
/// them for good. Bounds fold the oldest raw snapshots into summaries before anything is dropped.
extension ResultStore {
    @discardableResult
    public func appendOutbox(kind: String, payload: String, at date: Date = Date()) throws(StoreError) -> Int64 {
        do {
            return try pool.write { db in try Self.insertOutbox(db, kind: kind, payload: payload, at: date) }
        } catch {
            throw StoreError(.write, "results database \(path): could not queue a report: \(Self.reason(error))")
        }
    }

    static func insertOutbox(_ db: Database, kind: String, payload: String, at date: Date, folded: Bool = false) throws -> Int64 {
        try db.execute(sql: "INSERT INTO outbox (createdAt, kind, payload, bytes, folded) VALUES (?, ?, ?, ?, ?)",
                       arguments: [date, kind, payload, payload.utf8.count, folded])
        return db.lastInsertedRowID
    }

    /// The oldest undelivered entries of `kind`, in order: at most `limit`, and no more than
    /// `maxBytes` of payload (but always the first, however large).
    public func pendingOutbox(kind: String, limit: Int, maxBytes: Int = .max) throws(StoreError) -> [OutboxEntry] {
        do {
            let rows = try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT id, createdAt, kind, payload, bytes FROM outbox WHERE kind = ? AND deliveredAt IS NULL ORDER BY id LIMIT ?
                    """, arguments: [kind, limit])
            }
            var entries: [OutboxEntry] = [], bytes = 0
            for row in rows {
                let size: Int = row[4]
                if !entries.isEmpty && bytes + size > maxBytes { break }
                bytes += size
                entries.append(OutboxEntry(id: row[0], createdAt: row[1], kind: row[2], payload: row[3]))
            }
            return entries
        } catch {
            throw StoreError(.read, "results database \(path): \(Self.reason(error))")
        }
    }

    /// The endpoint took these entries: they leave the outbox, the endpoint's count and last success move.
    public func outboxDelivered(_ ids: [Int64], endpoint: String, at date: Date = Date()) throws(StoreError) {
        try settle(ids, endpoint: endpoint, sql: """
            INSERT INTO outboxEndpoint (name, delivered, lastSuccessAt) VALUES (?1, ?2, ?3)
            ON CONFLICT(name) DO UPDATE SET delivered = delivered + ?2, lastSuccessAt = ?3
            """, arguments: [endpoint, ids.count, date])
    }

    /// The endpoint refused these entries for good (a 4xx other than 429): they leave the outbox and
    /// the rejection is recorded with its reason.
    public func outboxRejected(_ ids: [Int64], endpoint: String, reason: String, at date: Date = Date()) throws(StoreError) {
        try settle(ids, endpoint: endpoint, sql: """
            INSERT INTO outboxEndpoint (name, rejected, lastFailureAt, lastRejection, lastError) VALUES (?1, ?2, ?3, ?4, ?4)
            ON CONFLICT(name) DO UPDATE SET rejected = rejected + ?2, lastFailureAt = ?3, lastRejection = ?4, lastError = ?4
            """, arguments: [endpoint, ids.count, date, reason])
    }

    /// A try that will be repeated: only the endpoint's last failure moves.
    public func outboxAttemptFailed(endpoint: String, reason: String, at date: Date = Date()) throws(StoreError) {
        try settle([], endpoint: endpoint, sql: """
            INSERT INTO outboxEndpoint (name, lastFailureAt, lastError) VALUES (?1, ?2, ?3)
            ON CONFLICT(name) DO UPDATE SET lastFailureAt = ?2, lastError = ?3
            """, arguments: [endpoint, date, reason])
    }

    private func settle(_ ids: [Int64], endpoint: String, sql: String, arguments: StatementArguments) throws(StoreError) {
        do {
            try pool.write { db in
                for chunk in stride(from: 0, to: ids.count, by: 500) {
                    let part = Array(ids[chunk..<min(ids.count, chunk + 500)])
                    try db.execute(sql: "DELETE FROM outbox WHERE id IN (\(part.map { _ in "?" }.joined(separator: ",")))",
                                   arguments: StatementArguments(part))
                }
                try db.execute(sql: sql, arguments: arguments)
            }
        } catch {
            throw StoreError(.write, "results database \(path): outbox (\(endpoint)): \(Self.reason(error))")
        }
    }

    /// Keeps the entries of `kind` within `maxBytes` and `maxAge`: entries older than `maxAge` are
    /// dropped (receivers refuse samples that old); over `maxBytes`, the oldest `foldBatch` raw
    /// entries are folded into one by `fold` (which keeps the first one's place in the order), and
    /// only when nothing raw is left to fold (or `fold` gives nil) are the oldest dropped. Returns
    /// what it folded and dropped, also added to the kind's totals.
    @discardableResult
    public func boundOutbox(kind: String, maxBytes: Int, maxAge: TimeInterval, now: Date = Date(), foldBatch: Int = 20,
                            fold: ([OutboxEntry]) -> String?) throws(StoreError) -> (folded: Int, dropped: Int) {
        do {
            return try pool.write { db in
                var folded = 0, dropped = 0
                try db.execute(sql: "DELETE FROM outbox WHERE kind = ? AND deliveredAt IS NULL AND createdAt < ?",
                               arguments: [kind, now.addingTimeInterval(-maxAge)])
                dropped += db.changesCount
                func total() throws -> Int {
                    try Int.fetchOne(db, sql: "SELECT coalesce(sum(bytes), 0) FROM outbox WHERE kind = ? AND deliveredAt IS NULL",
                                     arguments: [kind]) ?? 0
                }
                while try total() > maxBytes {
                    let raw = try Row.fetchAll(db, sql: """
                        SELECT id, createdAt, kind, payload FROM outbox WHERE kind = ? AND deliveredAt IS NULL AND folded = 0 ORDER BY id LIMIT ?
                        """, arguments: [kind, foldBatch]).map { OutboxEntry(id: $0[0], createdAt: $0[1], kind: $0[2], payload: $0[3]) }
                    if raw.count >= 2, let summary = fold(raw) {
                        try db.execute(sql: "UPDATE outbox SET payload = ?, bytes = ?, folded = 1 WHERE id = ?",
                                       arguments: [summary, summary.utf8.count, raw[0].id])
                        let rest = raw.dropFirst().map(\.id)
                        try db.execute(sql: "DELETE FROM outbox WHERE id IN (\(rest.map { _ in "?" }.joined(separator: ",")))",
                                       arguments: StatementArguments(rest))
                        folded += raw.count
                    } else {
                        try db.execute(sql: """
                            DELETE FROM outbox WHERE id = (SELECT id FROM outbox WHERE kind = ? AND deliveredAt IS NULL ORDER BY id LIMIT 1)
                            """, arguments: [kind])
                        guard db.changesCount > 0 else { break }
                        dropped += 1
                    }
                }
                if folded + dropped > 0 {
                    try db.execute(sql: """
                        INSERT INTO outboxLoss (kind, foldedRows, droppedRows) VALUES (?1, ?2, ?3)
                        ON CONFLICT(kind) DO UPDATE SET foldedRows = foldedRows + ?2, droppedRows = droppedRows + ?3
                        """, arguments: [kind, folded, dropped])
                }
                return (folded, dropped)
            }
        } catch {
            throw StoreError(.write, "results database \(path): bounding the outbox: \(Self.reason(error))")
        }
    }

    public func outboxStatus() throws(StoreError) -> OutboxStatus {
        do {
            return try pool.read { db in
                let backlog = try Row.fetchAll(db, sql: """
                    SELECT k.kind, count(o.id), coalesce(sum(o.bytes), 0), min(o.createdAt), coalesce(l.foldedRows, 0), coalesce(l.droppedRows, 0)
                    FROM (SELECT 'samples' AS kind UNION SELECT 'event' UNION SELECT kind FROM outbox UNION SELECT kind FROM outboxLoss) k
                      LEFT JOIN outbox o ON o.kind = k.kind AND o.deliveredAt IS NULL LEFT JOIN outboxLoss l ON l.kind = k.kind
                    GROUP BY k.kind ORDER BY k.kind
                    """).map {
                    OutboxStatus.Backlog(kind: $0[0], depth: $0[1], bytes: $0[2], oldest: $0[3], foldedRows: $0[4], droppedRows: $0[5])
                }
                let endpoints = try Row.fetchAll(db, sql: """
                    SELECT name, delivered, rejected, lastSuccessAt, lastFailureAt, lastError, lastRejection FROM outboxEndpoint ORDER BY name
                    """).map {
                    OutboxStatus.Endpoint(name: $0[0], delivered: $0[1], rejected: $0[2], lastSuccessAt: $0[3], lastFailureAt: $0[4],
                                          lastError: $0[5], lastRejection: $0[6])
                }
                return OutboxStatus(backlog: backlog, endpoints: endpoints)
            }
        } catch {
            throw StoreError(.read, "results database \(path): \(Self.reason(error))")
        }
    }
}

extension ResultStore {
    /// Queues an event that no stored state goes with (a pull, an error), when this store queues events.
    public func queueEvent<Body: Encodable>(type: String, _ body: Body, at date: Date = Date()) throws(StoreError) {
        guard queuesEvents else { return }
        let payload: String
        do {
            payload = try OutboxEvent.json(type: type, at: date, body)
        } catch {
            throw StoreError(.write, "event \(type): \(error)")
        }
        try appendOutbox(kind: OutboxEntry.event, payload: payload, at: date)
    }
}
