import EngineIR

/// A graph rewrite: one idea per file, returning what it changed (shown by `inspect --passes`).
public protocol GraphPass: Sendable {
    var name: String { get }
    func run(_ graph: inout TypedGraph) throws(EngineError) -> [String]
}

/// The one place the pass order is decided.
public enum PassPipeline {
    public static let passes: [any GraphPass] = [
        EliminateIdentity(), FuseQDQPassThrough(), FuseQDQConv(), FuseQDQLookup(), FoldConstants(), FuseConvScale(), FuseConvBias(), FuseConvBatchNorm(), FuseResidualAdd(), FuseActivation(),
        FuseAffineAfterActivation(), EliminateDeadNodes(),
    ]

    public struct Report: Sendable, Equatable {
        public var pass: String
        public var changes: [String]
    }

    public static func run(_ graph: inout TypedGraph) throws(EngineError) -> [Report] {
        var reports: [Report] = []
        for pass in passes { reports.append(Report(pass: pass.name, changes: try pass.run(&graph))) }
        return reports
    }
}

extension TypedGraph {
    var graphOutputs: Set<String> { Set(graph.outputs.map(\.name)) }

    /// Points every reader of `old` at `new`.
    mutating func replaceUses(of old: String, with new: String) {
        for index in nodes.indices {
            nodes[index].inputs = nodes[index].inputs.map { $0 == old ? new : $0 }
        }
    }

    /// The single node reading `value`, when exactly one node (and no graph output) reads it.
    func soleReader(of value: String) -> Int? {
        guard !graphOutputs.contains(value) else { return nil }
        let readers = nodes.indices.filter { nodes[$0].inputs.contains(value) }
        return readers.count == 1 && nodes[readers[0]].inputs.filter({ $0 == value }).count == 1 ? readers[0] : nil
    }

    func readerIndices(of value: String) -> [Int] { nodes.indices.filter { nodes[$0].inputs.contains(value) } }

    /// A QuantizeLinear/DequantizeLinear node's per-tensor constant parameters and its 8-bit
    /// type; nil for per-axis or computed parameters and for other element types.
    func perTensorQuantization(_ node: Node) -> TensorQuantization? {
        guard node.inputs.count > 1, let scale = constants[node.inputs[1]], scale.count == 1 else { return nil }
        let quantized = node.opType == "QuantizeLinear" ? node.outputs[0] : node.inputs[0]
        guard let dtype = types[quantized]?.dtype, dtype == .uint8 || dtype == .int8 else { return nil }
        var zero = 0
        if node.inputs.count > 2, !node.inputs[2].isEmpty {
            guard let z = constants[node.inputs[2]], z.count == 1 else { return nil }
            zero = z.ints[0]
        }
        return TensorQuantization(scale: scale.floats[0], zero: zero, dtype: dtype)
    }
}

/// Per-tensor quantization parameters of a value.
struct TensorQuantization: Equatable {
    var scale: Float
    var zero: Int
    var dtype: DType
}
