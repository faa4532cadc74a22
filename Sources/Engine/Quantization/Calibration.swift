import EngineIR
import Foundation

/// Observes the float range of chosen values over calibration samples: the graph is compiled
/// with those values as extra outputs (the passes keep graph outputs intact) and run per sample.
/// MinMax takes the whole observed range; Percentile and Entropy clip outliers using a
/// histogram built in a second pass over the samples.
public enum Calibration {
    public struct Range: Sendable, Equatable {
        public var min: Float
        public var max: Float
    }

    public enum Method: Sendable, Equatable, CustomStringConvertible {
        case minMax
        /// Keeps the central `percent` of the values (e.g. 99.99: the lowest and highest 0.005% are clipped).
        case percentile(Double)
        /// The clipping threshold whose quantized histogram is closest to the observed one in
        /// Kullback–Leibler divergence (TensorRT's entropy calibration).
        case entropy

        public var description: String {
            switch self {
            case .minMax: "MinMax"
            case .percentile(let p): "Percentile \(p)"
            case .entropy: "Entropy"
            }
        }
    }

    static let bins = 2048

    public static func ranges(_ graph: Graph, values: [String], samples: [Tensor], method: Method = .minMax,
                              options: Compiler.Options) throws(EngineError) -> [String: Range] {
        var observed = graph
        let existing = Set(graph.outputs.map(\.name))
        for name in values where !existing.contains(name) {
            observed.outputs.append(ValueInfo(name: name, dtype: .float32, dims: []))
        }
        let compiled = try Compiler.compile(observed, options: options)
        let wanted = Set(values)
        func observe(_ body: (String, [Float]) -> Void) throws(EngineError) {
            for sample in samples {
                for (port, tensor) in zip(compiled.outputs, try compiled.run([sample])) where wanted.contains(port.name) { body(port.name, tensor.floats) }
            }
        }
        var ranges: [String: Range] = [:]
        try observe { name, floats in
            let finite = floats.filter(\.isFinite)
            guard let low = finite.min(), let high = finite.max() else { return }
            let old = ranges[name] ?? Range(min: low, max: high)
            ranges[name] = Range(min: Swift.min(old.min, low), max: Swift.max(old.max, high))
        }
        if method == .minMax { return ranges }

        // Second pass: a histogram per value — of x over [0, max] when x is never negative,
        // else of |x| over [0, max |x|].
        var histograms: [String: [Double]] = ranges.mapValues { _ in [Double](repeating: 0, count: bins) }
        try observe { name, floats in
            guard let range = ranges[name] else { return }
            let top = Swift.max(abs(range.min), abs(range.max))
            guard top > 0 else { return }
            let scale = Float(bins) / top
            histograms[name]!.withUnsafeMutableBufferPointer { h in
                // Exact zeros (padding, ReLU) quantize exactly at any threshold; counting them
                // would pull the threshold towards 0 and clip the real values.
                for v in floats where v.isFinite && v != 0 { h[Swift.min(bins - 1, Int(abs(v) * scale))] += 1 }
            }
        }
        for (name, range) in ranges {
            let top = Swift.max(abs(range.min), abs(range.max))
            guard top > 0, let histogram = histograms[name] else { continue }
            let signed = range.min < 0
            let threshold: Float
            switch method {
            case .minMax: threshold = top
            case .percentile(let percent): threshold = percentileThreshold(histogram, percent: percent) * top
            case .entropy: threshold = entropyThreshold(histogram, levels: signed ? 128 : 256) * top
            }
            ranges[name] = Range(min: Swift.max(range.min, -threshold), max: Swift.min(range.max, threshold))
        }
        return ranges
    }

    /// The fraction of the histogram's span below which `percent` of the mass lies.
    static func percentileThreshold(_ histogram: [Double], percent: Double) -> Float {
        let total = histogram.reduce(0, +)
        guard total > 0 else { return 1 }
        var cumulative = 0.0
        for (bin, count) in histogram.enumerated() {
            cumulative += count
            if cumulative >= total * percent / 100 { return Float(bin + 1) / Float(histogram.count) }
        }
        return 1
    }

    /// The clipping point (as a fraction of the span) minimising KL(P‖Q), where P is the
    /// histogram clipped at the threshold (outliers added to its last bin) and Q the clipped
    /// histogram without the outliers quantized to `levels` levels and spread back over P's
    /// non-empty bins; an empty Q bin where P has mass costs as if it held 1e-12.
    static func entropyThreshold(_ histogram: [Double], levels: Int) -> Float {
        let bins = histogram.count
        guard histogram.reduce(0, +) > 0, bins > levels else { return 1 }
        var best = (divergence: Double.infinity, bin: bins)
        var suffix = [Double](repeating: 0, count: bins + 1)
        for i in stride(from: bins - 1, through: 0, by: -1) { suffix[i] = suffix[i + 1] + histogram[i] }
        var p = [Double](repeating: 0, count: bins), q = [Double](repeating: 0, count: bins)
        for end in stride(from: levels, through: bins, by: 16) {
            for i in 0..<end { p[i] = histogram[i] }
            p[end - 1] += suffix[end]
            // Q: the clipped histogram without its outliers in `levels` equal chunks, each
            // chunk's mass spread evenly over the bins where P is non-zero (as TensorRT/MXNet).
            for level in 0..<levels {
                let start = level * end / levels, stop = (level + 1) * end / levels
                var mass = 0.0, nonZero = 0
                for i in start..<stop where p[i] > 0 {
                    mass += histogram[i]
                    nonZero += 1
                }
                for i in start..<stop { q[i] = p[i] > 0 ? mass / Double(nonZero) : 0 }
            }
            let pTotal = p[0..<end].reduce(0, +), qTotal = q[0..<end].reduce(0, +)
            guard pTotal > 0, qTotal > 0 else { continue }
            var divergence = 0.0
            for i in 0..<end where p[i] > 0 {
                let pi = p[i] / pTotal, qi = Swift.max(q[i] / qTotal, 1e-12)
                divergence += pi * log(pi / qi)
            }
            if divergence < best.divergence { best = (divergence, end) }
        }
        return Float(best.bin) / Float(bins)
    }
}
