import Basics
import Foundation
import GRDB

extension ResultStore {
    /// Stores one decision in its own transaction; returns its id. The decision is linked to the
    /// chosen variant's stored record when the store has that file.
    @discardableResult
    public func record(_ decision: DecisionRecord) throws(StoreError) -> Int64 {
        do {
            return try pool.write { db -> Int64 in
                let variantId = try decision.variantSHA256.flatMap {
                    try Int64.fetchOne(db, sql: "SELECT id FROM variant WHERE sha256 = ? ORDER BY id DESC LIMIT 1", arguments: [$0])
                }
                try db.execute(sql: """
                    INSERT INTO decision (createdAt, variantId, reason, detail, model, code, candidate, precision, threads, powerMode,
                      predictedWatts, budgetWatts, rateHz)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [decision.createdAt, variantId, decision.reason, decision.inputsJSON, decision.model, decision.code,
                                     decision.candidate, decision.precision.rawValue, decision.threads, decision.powerMode,
                                     decision.predictedWatts, decision.budgetWatts, decision.rateHz])
                let id = db.lastInsertedRowID
                if queuesEvents {
                    var event = decision
                    event.id = id
                    event.inputsJSON = ""
                    try Self.insertOutbox(db, kind: OutboxEntry.event, payload: try OutboxEvent.json(type: "decision", at: decision.createdAt, event),
                                          at: decision.createdAt)
                }
                return id
            }
        } catch {
            throw StoreError(.write, "results database \(path): could not store the decision: \(Self.reason(error))")
        }
    }

    /// Stored decisions, newest first; with `model`, only that model's.
    public func decisions(limit: Int = 100, model: String? = nil) throws(StoreError) -> [DecisionRecord] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT d.id, d.createdAt, d.model, d.code, d.reason, d.candidate, d.precision, d.threads, d.powerMode, v.sha256,
                      d.predictedWatts, d.budgetWatts, d.rateHz, d.detail
                    FROM decision d LEFT JOIN variant v ON v.id = d.variantId
                    WHERE d.code IS NOT NULL AND (?1 IS NULL OR d.model = ?1)
                    ORDER BY d.id DESC LIMIT ?2
                    """, arguments: [model, limit]).map { row in
                    DecisionRecord(id: row[0], createdAt: row[1], model: row[2], code: row[3], reason: row[4], candidate: row[5],
                                   precision: Precision(rawValue: row[6]) ?? .fp32, threads: row[7], powerMode: row[8], variantSHA256: row[9],
                                   predictedWatts: row[10], budgetWatts: row[11], rateHz: row[12], inputsJSON: row[13] ?? "{}")
                }
            }
        } catch {
            throw StoreError(.read, "results database \(path): \(Self.reason(error))")
        }
    }
}
