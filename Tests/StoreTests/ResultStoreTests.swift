import Basics
import Foundation
import GRDB
import Store
import Testing

/// The results database: WAL, migrations applied once, a run stored whole and read back, and a
/// file that is not a database refused with its path.
@Suite struct ResultStoreTests {
    static func temporary() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-store-\(UUID().uuidString)/results.db").path
    }

    static func run(_ model: String = "mnist-cntk/fp32.onnx", p50: Double = 0.2, precision: Precision = .fp32,
                    variant: String = String(repeating: "ab", count: 32), derivedFrom: String? = nil, threads: Int = 1) -> RunRecord {
        RunRecord(board: "Jetson Orin Nano", profile: "jetson-orin-nano", architecture: "aarch64", hardwareDocument: "{\"schemaVersion\":1}",
                  modelName: model, modelSHA256: String(repeating: model.hasPrefix("mnist") ? "ab" : "ef", count: 32), modelBytes: 26_000,
                  precision: precision,
                  computePrecision: "fp32", variantSHA256: variant, variantBytes: 26_000, macs: 2_300_000, derivedFromSHA256: derivedFrom,
                  threads: threads, powerMode: "15W", p50Ms: p50, p99Ms: 0.3, throughputPerSec: 5000, watts: 8.8, idleWatts: 3.5,
                  joulesPerInference: 0.0018, dynamicJoulesPerInference: 0.0011, energySource: "simulated", energyUncertaintyPercent: 0.4,
                  top1: 1.0, agreementWithFP32: 1.0, peakRSSBytes: 40 << 20, resultJSON: "{\"p50Ms\":0.2}", conditionsJSON: "{}")
    }

    @Test func storesRunsWholeAndReadsThemBackNewestFirst() throws {
        let path = Self.temporary()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try ResultStore(path: path)
        #expect(store.journalMode == "wal")
        try store.record(Self.run(p50: 0.2))
        try store.record(Self.run(p50: 0.25))
        let reopened = try ResultStore(path: path)  // migrations are not applied twice
        let runs = try reopened.runs()
        #expect(runs.map(\.p50Ms) == [0.25, 0.2])
        #expect(runs[0].model == "mnist-cntk/fp32.onnx" && runs[0].energySource == "simulated" && runs[0].board == "Jetson Orin Nano")
        #expect(runs[0].threads == 1 && runs[0].powerMode == "15W" && runs[0].idleWatts == 3.5 && runs[0].peakRSSBytes == 40 << 20)
        #expect(try reopened.check().isEmpty)
    }

    /// A variant built on the device records the model it came from; runs filter by model.
    @Test func aDerivedVariantRecordsItsSourceAndRunsFilterByModel() throws {
        let path = Self.temporary()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try ResultStore(path: path)
        let source = String(repeating: "ab", count: 32), built = String(repeating: "cd", count: 32)
        try store.record(Self.run(precision: .int8, variant: built, derivedFrom: source))
        try store.record(Self.run("ppocr-cls-v2.0/fp32.onnx"))
        let int8 = try store.runs(model: "mnist-cntk/fp32.onnx")
        #expect(int8.count == 1 && int8[0].precision == .int8 && int8[0].derivedFromSHA256 == source && int8[0].variantSHA256 == built)
        #expect(try store.runs(model: "ppocr-cls-v2.0/fp32.onnx").count == 1)
    }

    @Test func decisionsAreStoredWithTheirInputsAndLinkedToTheirVariant() throws {
        let path = Self.temporary()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try ResultStore(path: path)
        try store.record(Self.run())
        let decision = DecisionRecord(createdAt: Date(timeIntervalSince1970: 1_800_000_000), model: "mnist-cntk/fp32.onnx", code: "budgetViolated",
                                      reason: "fp32 ×2 would draw 9.6 W", candidate: "fp32 ×1 @15W", precision: .fp32, threads: 1, powerMode: "15W",
                                      variantSHA256: String(repeating: "ab", count: 32), predictedWatts: 7.8, budgetWatts: 9, rateHz: 20,
                                      inputsJSON: "{\"rateHz\":20}")
        let id = try store.record(decision)
        try store.record(DecisionRecord(createdAt: Date(), model: "other", code: "initial", reason: "first", candidate: "int8 ×1", precision: .int8,
                                        threads: 1, powerMode: nil, variantSHA256: nil, predictedWatts: 4, budgetWatts: 9, rateHz: 0,
                                        inputsJSON: "{}"))
        let read = try store.decisions(model: "mnist-cntk/fp32.onnx")
        var expected = decision
        expected.id = id
        #expect(read == [expected])
        #expect(try store.decisions().count == 2)
        #expect(try store.check().isEmpty)
    }

    /// A database written before migration 002 opens, and its runs get the new columns from
    /// their stored JSON.
    @Test func aVersionOneDatabaseIsMigratedAndBackfilled() throws {
        let path = Self.temporary()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: Self.version1Schema)
            try db.execute(sql: """
                INSERT INTO hardwareSnapshot VALUES (1, '2026-12-01 10:00:00.000', 'Orin', 'jetson-orin-nano', 'aarch64', '{}');
                INSERT INTO model VALUES (1, 'mnist-cntk/fp32.onnx', '\(String(repeating: "ab", count: 32))', 26000);
                INSERT INTO variant VALUES (1, 1, 'fp32', 'fp32', '\(String(repeating: "ab", count: 32))', 26000, 100);
                INSERT INTO benchRun VALUES (1, '2026-12-01 10:00:00.000', 1, 1, 0.2, 0.3, 5000, 8.8, 0.0018, 0.0011, 'simulated', 0.4, 1.0,
                  '{"idleWatts":3.5,"peakRSSBytes":1000,"agreementWithFP32":1}', '{"threads":2,"powerMode":"15W"}');
                """)
        }
        try queue.close()
        let store = try ResultStore(path: path)
        let run = try #require(try store.runs().first)
        #expect(run.threads == 2 && run.powerMode == "15W" && run.idleWatts == 3.5 && run.peakRSSBytes == 1000 && run.agreementWithFP32 == 1)
        #expect(try store.check().isEmpty)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedWithItsPath() throws {
        let path = Self.temporary()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect { _ = try ResultStore(path: path) } throws: { "\($0)".contains(path) }
        // The file is left as it was.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0x41, count: 4096))
    }

    /// Migration 001 as it shipped (GRDB's record of it included), to test upgrading.
    static let version1Schema = """
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        INSERT INTO grdb_migrations VALUES ('001-results');
        CREATE TABLE hardwareSnapshot (id INTEGER PRIMARY KEY AUTOINCREMENT, createdAt DATETIME NOT NULL, board TEXT, profile TEXT,
          architecture TEXT, document TEXT NOT NULL);
        CREATE TABLE model (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, fileBytes INTEGER NOT NULL);
        CREATE TABLE variant (id INTEGER PRIMARY KEY AUTOINCREMENT, modelId INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
          precision TEXT NOT NULL, computePrecision TEXT NOT NULL, sha256 TEXT NOT NULL, fileBytes INTEGER NOT NULL, macs INTEGER,
          UNIQUE(modelId, sha256));
        CREATE TABLE benchRun (id INTEGER PRIMARY KEY AUTOINCREMENT, createdAt DATETIME NOT NULL,
          hardwareSnapshotId INTEGER NOT NULL REFERENCES hardwareSnapshot(id), variantId INTEGER NOT NULL REFERENCES variant(id),
          p50Ms DOUBLE NOT NULL, p99Ms DOUBLE NOT NULL, throughputPerSec DOUBLE NOT NULL, watts DOUBLE, joulesPerInference DOUBLE,
          dynamicJoulesPerInference DOUBLE, energySource TEXT NOT NULL, energyUncertaintyPercent DOUBLE, top1 DOUBLE,
          result TEXT NOT NULL, conditions TEXT NOT NULL);
        CREATE TABLE decision (id INTEGER PRIMARY KEY AUTOINCREMENT, createdAt DATETIME NOT NULL, variantId INTEGER REFERENCES variant(id),
          reason TEXT NOT NULL, detail TEXT);
        CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, createdAt DATETIME NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL,
          deliveredAt DATETIME);
        """
}
