@testable import Engine
import Foundation
import EngineIR
import Testing

/// The calibration methods on known distributions: Percentile keeps its share of the mass,
/// Entropy keeps a flat distribution whole and clips a long thin tail.
@Suite struct CalibrationTests {
    @Test func percentileKeepsItsShare() {
        let uniform = [Double](repeating: 1, count: 2048)
        #expect(abs(Calibration.percentileThreshold(uniform, percent: 99) - 0.99) < 0.001)
        #expect(Calibration.percentileThreshold(uniform, percent: 100) == 1)
    }

    @Test func entropyKeepsAFlatDistributionWhole() {
        let uniform = [Double](repeating: 1, count: 2048)
        #expect(Calibration.entropyThreshold(uniform, levels: 128) > 0.95)
    }

    @Test func entropyClipsALongThinTail() {
        // Half-normal body (σ = 200 bins) and 10 outliers at the far end.
        var histogram = (0..<2048).map { i in 1e5 * exp(-Double(i * i) / (2 * 200 * 200)) }
        histogram[2047] += 10
        let threshold = Calibration.entropyThreshold(histogram, levels: 128)
        #expect(threshold > 0.2 && threshold < 0.8, "\(threshold)")
    }
}

extension CalibrationTests {
    /// An 8-bit image normalised to [−1, 1] fills only every 16th bin: a sparse histogram must
    /// not look like a perfect fit at the smallest threshold.
    @Test func entropyKeepsASparseImageRangeWhole() {
        var histogram = [Double](repeating: 0, count: 2048)
        for i in stride(from: 0, to: 2048, by: 16) { histogram[i] = 100 }
        #expect(Calibration.entropyThreshold(histogram, levels: 128) > 0.9)
    }
}
