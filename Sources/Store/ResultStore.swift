import Foundation
import GRDB

/// The results database: one SQLite file in WAL mode (GRDB `DatabasePool`), migrated on open.
/// Every run is one transaction, so `kill -9` or power loss leaves the file openable with no
/// half-written run (SQLite's journal rolls the unfinished transaction back on the next open).
public final class ResultStore: Sendable {
    let pool: DatabasePool
    public let path: String
    /// Whether stored decisions and runs also queue an event in the outbox, in their own
    /// transaction (the daemon's store, which has senders; `edgepilot bench` does not).
    public let queuesEvents: Bool

    public init(path: String, queuesEvents: Bool = false) throws(StoreError) {
        self.path = path
        self.queuesEvents = queuesEvents
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
                let badDecisions = try Int.fetchOne(db, sql: "SELECT count(*) FROM decision WHERE detail IS NOT NULL AND json_valid(detail) = 0") ?? 0
                if badDecisions > 0 { problems.append("\(badDecisions) decision(s) with unreadable inputs JSON") }
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
