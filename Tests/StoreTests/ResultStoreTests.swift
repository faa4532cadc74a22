import Foundation
import Store
import Testing

/// The results database: WAL, migrations applied once, a run stored whole and read back, and a
/// file that is not a database refused with its path.
@Suite struct ResultStoreTests {
    static func temporary() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-store-\(UUID().uuidString)/results.db").path
    }

    static func run(_ model: String = "mnist-cntk/fp32.onnx", p50: Double = 0.2) -> RunRecord {
        RunRecord(board: "Jetson Orin Nano", profile: "jetson-orin-nano", architecture: "aarch64", hardwareDocument: "{\"schemaVersion\":1}",
                  modelName: model, modelSHA256: String(repeating: "ab", count: 32), modelBytes: 26_000, precision: "fp32",
                  computePrecision: "fp32", variantSHA256: String(repeating: "ab", count: 32), variantBytes: 26_000, macs: 2_300_000,
                  p50Ms: p50, p99Ms: 0.3, throughputPerSec: 5000, watts: 8.8, joulesPerInference: 0.0018, dynamicJoulesPerInference: 0.0011,
                  energySource: "simulated", energyUncertaintyPercent: 0.4, top1: 1.0, resultJSON: "{\"p50Ms\":0.2}", conditionsJSON: "{}")
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
        #expect(try reopened.check().isEmpty)
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
}
