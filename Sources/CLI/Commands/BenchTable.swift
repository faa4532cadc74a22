import Basics
import Foundation
import Measure

/// The bench table as printed: one line per variant, and the slowest steps with `--profile`.
enum BenchTable {
    static let widths = [-28, -5, 3, 9, 9, 10, 7, 11, 11, 7, 8, 10, -11, -24]
    static let header = Column.row(["model", "prec", "thr", "p50 ms", "p99 ms", "inf/s", "W", "J/inf", "J/inf dyn", "±", "top-1", "size",
                                    "energy", "ran as"], widths: widths)

    static func printSlowest(_ steps: [StepTiming]) {
        let total = Double(steps.map(\.nanoseconds).reduce(0, +))
        say("  slowest steps (mean of 20 runs):      time   share       MACs  GFLOP/s  step")
        for step in steps.prefix(10) {
            let rate = step.gflops.map { String(format: "%8.1f", $0) } ?? "       —"
            say(String(format: "  %36.1f µs %6.1f%% %10d %@  ", Double(step.nanoseconds) / 1000, 100 * Double(step.nanoseconds) / max(1, total),
                       step.macs, rate) + "\(step.kind)  \(step.node)")
        }
    }
}

extension BenchRow {
    /// The table's line.
    var tableLine: String {
        let accuracy = top1.map { String(format: "%.2f%%", 100 * $0) } ?? "—"
        return Column.row([String(model.suffix(28)), precision.rawValue, "\(threads)", String(format: "%.3f", p50Ms), String(format: "%.3f", p99Ms),
                           String(format: "%.1f", throughputPerSec), String(format: "%.2f", watts), String(format: "%.5f", joulesPerInference),
                           String(format: "%.5f", dynamicJoulesPerInference), String(format: "%.1f%%", energyUncertaintyPercent), accuracy,
                           byteCount(Int64(fileBytes)), energySource, ranAs], widths: BenchTable.widths)
    }
}

/// Fixed-width text columns (String(format:) ignores widths for %@ on Linux): a negative
/// width pads on the right (left-aligned), a positive one on the left.
enum Column {
    static func row(_ cells: [String], widths: [Int]) -> String {
        zip(cells, widths).map { cell, width in
            let gap = String(repeating: " ", count: max(0, abs(width) - cell.count))
            return width < 0 ? cell + gap : gap + cell
        }.joined(separator: " ")
    }
}
