import Foundation
import GRDB

/// The results database: one SQLite file in WAL mode (GRDB `DatabasePool`), migrated on open.
/// Every run is one transaction, so `kill -9` or power loss leaves the file openable with no
/// half-written run (SQLite's journal rolls the unfinished transaction back on the next open).
public final class ResultStore: Sendable {
    let pool: DatabasePool
    public let path: String

    public init(path: String) throws(StoreError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.open, "results database \(path): \(Self.reason(error))")
        }
        do {
            try Migrations.migrator.migrate(pool)
        } catch {
            throw StoreError(.migrate, "results database \(path): migration failed: \(Self.reason(error))")
        }
    }

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
                    INSERT INTO variant (modelId, precision, computePrecision, sha256, fileBytes, macs) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(modelId, sha256) DO UPDATE SET computePrecision = excluded.computePrecision
                    """, arguments: [modelId, run.precision, run.computePrecision, run.variantSHA256, run.variantBytes, run.macs])
                let variantId = try Int64.fetchOne(db, sql: "SELECT id FROM variant WHERE modelId = ? AND sha256 = ?",
                                                   arguments: [modelId, run.variantSHA256])!
                try db.execute(sql: """
                    INSERT INTO benchRun (createdAt, hardwareSnapshotId, variantId, p50Ms, p99Ms, throughputPerSec, watts, joulesPerInference,
                      dynamicJoulesPerInference, energySource, energyUncertaintyPercent, top1, result, conditions)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [date, hardwareId, variantId, run.p50Ms, run.p99Ms, run.throughputPerSec, run.watts, run.joulesPerInference,
                                     run.dynamicJoulesPerInference, run.energySource, run.energyUncertaintyPercent, run.top1,
                                     run.resultJSON, run.conditionsJSON])
                return db.lastInsertedRowID
            }
        } catch {
            throw StoreError(.write, "results database \(path): could not store the run: \(Self.reason(error))")
        }
    }

    /// Stored runs, newest first.
    public func runs(limit: Int = 100) throws(StoreError) -> [StoredRun] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT r.id, r.createdAt, h.board, m.name, v.precision, v.computePrecision, r.p50Ms, r.p99Ms, r.throughputPerSec,
                      r.watts, r.joulesPerInference, r.dynamicJoulesPerInference, r.energySource, r.energyUncertaintyPercent, r.top1
                    FROM benchRun r JOIN hardwareSnapshot h ON h.id = r.hardwareSnapshotId
                      JOIN variant v ON v.id = r.variantId JOIN model m ON m.id = v.modelId
                    ORDER BY r.id DESC LIMIT ?
                    """, arguments: [limit]).map { row in
                    StoredRun(id: row[0], createdAt: row[1], board: row[2], model: row[3], precision: row[4], computePrecision: row[5],
                              p50Ms: row[6], p99Ms: row[7], throughputPerSec: row[8], watts: row[9], joulesPerInference: row[10],
                              dynamicJoulesPerInference: row[11], energySource: row[12], energyUncertaintyPercent: row[13], top1: row[14])
                }
            }
        } catch {
            throw StoreError(.read, "results database \(path): \(Self.reason(error))")
        }
    }

    /// SQLite's own check, and the schema's invariants: every run has its snapshot and variant.
    public func check() throws(StoreError) -> [String] {
        do {
            return try pool.read { db in
                var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
                let orphans = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM benchRun r LEFT JOIN variant v ON v.id = r.variantId
                      LEFT JOIN hardwareSnapshot h ON h.id = r.hardwareSnapshotId WHERE v.id IS NULL OR h.id IS NULL
                    """) ?? 0
                if orphans > 0 { problems.append("\(orphans) run(s) without their variant or hardware snapshot") }
                let bad = try Int.fetchOne(db, sql: "SELECT count(*) FROM benchRun WHERE json_valid(result) = 0 OR json_valid(conditions) = 0") ?? 0
                if bad > 0 { problems.append("\(bad) run(s) with unreadable JSON") }
                return problems
            }
        } catch {
            throw StoreError(.read, "results database \(path): \(Self.reason(error))")
        }
    }

    public var journalMode: String { (try? pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }) ?? "unknown" }

    static func reason(_ error: any Error) -> String {
        if let db = error as? DatabaseError { return db.message ?? "\(db.resultCode)" }
        return "\(error)"
    }
}
