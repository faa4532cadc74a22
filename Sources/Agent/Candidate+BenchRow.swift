import Bench
import Measure
import Policy

extension Candidate {
    /// A measured row as a candidate (accuracies in percent), labelled `variant`.
    public init(_ row: BenchRow, variant: String) {
        self.init(variant: variant, precision: row.precision, threads: row.threads, powerMode: row.conditions.powerMode, p50Ms: row.p50Ms,
                  p99Ms: row.p99Ms, idleWatts: row.idleWatts, dynamicJoulesPerInference: max(0, row.dynamicJoulesPerInference),
                  energyUncertaintyPercent: row.energyUncertaintyPercent, top1: row.top1.map { $0 * 100 },
                  agreementWithFP32: row.agreementWithFP32.map { $0 * 100 }, memoryBytes: row.peakRSSBytes, variantSHA256: row.variantSHA256)
    }
}
