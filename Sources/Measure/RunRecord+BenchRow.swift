import Bench
import Foundation
import Probe
import Store
import Variants

extension BenchSession {
    /// Stores a row: the model is the file given (for a variant built here, the FP32 file it was
    /// built from), the variant is the file measured.
    func record(_ row: BenchRow, source: ModelFile, in store: ResultStore) throws(MeasureError) -> Int64 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func text(_ value: some Encodable) -> String { (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}" }
        let record = RunRecord(
            board: row.conditions.board, profile: board.profile, architecture: board.architecture, hardwareDocument: text(board),
            modelName: source.name, modelSHA256: source.sha256, modelBytes: source.bytes, precision: row.precision,
            computePrecision: row.computePrecision, variantSHA256: row.variantSHA256, variantBytes: row.fileBytes, macs: row.macs,
            derivedFromSHA256: row.derivedFromSHA256, threads: row.threads, powerMode: row.conditions.powerMode, p50Ms: row.p50Ms,
            p99Ms: row.p99Ms, throughputPerSec: row.throughputPerSec, watts: row.watts, idleWatts: row.idleWatts,
            joulesPerInference: row.joulesPerInference, dynamicJoulesPerInference: row.dynamicJoulesPerInference, energySource: row.energySource,
            energyUncertaintyPercent: row.energyUncertaintyPercent, top1: row.top1, agreementWithFP32: row.agreementWithFP32,
            peakRSSBytes: row.peakRSSBytes, resultJSON: text(row), conditionsJSON: text(row.conditions))
        do {
            return try store.record(record)
        } catch {
            throw MeasureError(.store, error.description)
        }
    }
}
