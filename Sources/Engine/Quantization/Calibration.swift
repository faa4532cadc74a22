import EngineIR

/// Observes the float range of chosen values over calibration samples: the graph is compiled
/// with those values as extra outputs (the passes keep graph outputs intact) and run per sample.
public enum Calibration {
    public struct Range: Sendable, Equatable {
        public var min: Float
        public var max: Float
    }

    public static func minMax(_ graph: Graph, values: [String], samples: [Tensor], options: Compiler.Options) throws(EngineError) -> [String: Range] {
        var observed = graph
        let existing = Set(graph.outputs.map(\.name))
        for name in values where !existing.contains(name) {
            observed.outputs.append(ValueInfo(name: name, dtype: .float32, dims: []))
        }
        let compiled = try Compiler.compile(observed, options: options)
        var ranges: [String: Range] = [:]
        for sample in samples {
            let outputs = try compiled.run([sample])
            for (port, tensor) in zip(compiled.outputs, outputs) where values.contains(port.name) {
                let floats = tensor.floats
                guard let low = floats.min(), let high = floats.max() else { continue }
                let old = ranges[port.name] ?? Range(min: low, max: high)
                ranges[port.name] = Range(min: Swift.min(old.min, low), max: Swift.max(old.max, high))
            }
        }
        return ranges
    }
}
