import Basics
import Foundation
import GRDB

extension ResultStore {
    /// Stores one run (hardware snapshot, model, variant, numbers) in a single transaction;
    /// returns the run's id.
    @discardableResult
    public func record(_ run: RunRecord, at date: Date = Date()) throws(StoreError) -> Int64 {
        do {
            return try pool.write { db -> Int64 in
                try db.execute(sql: "INSERT INTO hardwareSnapshot (createdAt, board, profile, architecture, document) VALUES (?, ?, ?, ?, ?)",
                               arguments: [date, run.board, run.profile, run.architecture, run.hardwareDocument])
                let hardwareId = db.lastInsertedRowID
                try db.execute(sql: "INSERT INTO model (name, sha256, fileBytes) VALUES (?, ?, ?) ON CONFLICT(sha256) DO NOTHING",
                               arguments: [run.modelName, run.modelSHA256, run.modelBytes])
                let modelId = try Int64.fetchOne(db, sql: "SELECT id FROM model WHERE sha256 = ?", arguments: [run.modelSHA256])!
                try db.execute(sql: """
                    INSERT INTO variant (modelId, precision, computePrecision, sha256, fileBytes, macs, derivedFromSHA256)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(modelId, sha256) DO UPDATE SET computePrecision = excluded.computePrecision
                    """, arguments: [modelId, run.precision.rawValue, run.computePrecision, run.variantSHA256, run.variantBytes, run.macs,
                                     run.derivedFromSHA256])
                let variantId = try Int64.fetchOne(db, sql: "SELECT id FROM variant WHERE modelId = ? AND sha256 = ?",
                                                   arguments: [modelId, run.variantSHA256])!
                try db.execute(sql: """
                    INSERT INTO benchRun (createdAt, hardwareSnapshotId, variantId, p50Ms, p99Ms, throughputPerSec, watts, joulesPerInference,
                      dynamicJoulesPerInference, energySource, energyUncertaintyPercent, top1, result, conditions, threads, powerMode, idleWatts,
                      agreementWithFP32, peakRSSBytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [date, hardwareId, variantId, run.p50Ms, run.p99Ms, run.throughputPerSec, run.watts, run.joulesPerInference,
                                     run.dynamicJoulesPerInference, run.energySource, run.energyUncertaintyPercent, run.top1,
                                     run.resultJSON, run.conditionsJSON, run.threads, run.powerMode, run.idleWatts, run.agreementWithFP32,
                                     run.peakRSSBytes])
                let id = db.lastInsertedRowID
                if queuesEvents {
                    try Self.insertOutbox(db, kind: OutboxEntry.event,
                                          payload: try OutboxEvent.json(type: "measurement", at: date, OutboxEvent.Measurement(run)), at: date)
                }
                return id
            }
        } catch {
            throw StoreError(.write, "results database \(path): could not store the run: \(Self.reason(error))")
        }
    }

    /// Stored runs, newest first; with `model`, only that model's (its name as bench gives it).
    public func runs(limit: Int = 100, model: String? = nil) throws(StoreError) -> [StoredRun] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT r.id, r.createdAt, h.board, h.profile, m.name, v.precision, v.computePrecision, v.sha256, v.derivedFromSHA256,
                      r.threads, r.powerMode, r.p50Ms, r.p99Ms, r.throughputPerSec, r.watts, r.idleWatts, r.joulesPerInference,
                      r.dynamicJoulesPerInference, r.energySource, r.energyUncertaintyPercent, r.top1, r.agreementWithFP32, r.peakRSSBytes
                    FROM benchRun r JOIN hardwareSnapshot h ON h.id = r.hardwareSnapshotId
                      JOIN variant v ON v.id = r.variantId JOIN model m ON m.id = v.modelId
                    WHERE ?1 IS NULL OR m.name = ?1
                    ORDER BY r.id DESC LIMIT ?2
                    """, arguments: [model, limit]).map { row in
                    StoredRun(id: row[0], createdAt: row[1], board: row[2], profile: row[3], model: row[4],
                              precision: Precision(rawValue: row[5]) ?? .fp32, computePrecision: row[6], variantSHA256: row[7],
                              derivedFromSHA256: row[8], threads: row[9], powerMode: row[10], p50Ms: row[11], p99Ms: row[12],
                              throughputPerSec: row[13], watts: row[14], idleWatts: row[15], joulesPerInference: row[16],
                              dynamicJoulesPerInference: row[17], energySource: row[18], energyUncertaintyPercent: row[19], top1: row[20],
                              agreementWithFP32: row[21], peakRSSBytes: row[22])
                }
            }
        } catch {
            throw StoreError(.read, "results database \(path): \(Self.reason(error))")
        }
    }
}
