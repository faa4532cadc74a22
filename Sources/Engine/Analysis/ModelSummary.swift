import EngineIR

/// What `edgepilot inspect` reports about a model: op histogram, parameters, MACs.
public struct ModelSummary: Sendable, Equatable {
    /// Op type → count, in the graph as stored (before passes).
    public var ops: [String: Int]
    /// Float elements in initializers and Constant-node tensors.
    public var parameters: Int
    /// Multiply-accumulates of Conv (fused or integer), ConvTranspose, Gemm and MatMul at the
    /// compiled shapes.
    public var macs: Int

    /// Multiply-accumulates of one node at the compiled shapes (0 for ops that are not
    /// convolutions or matrix products).
    public static func macs(_ node: Node, in typed: TypedGraph) -> Int {
        guard let out = node.outputs.first.flatMap({ typed.types[$0] }) else { return 0 }
        switch node.opType {
        case "Conv", "FusedConv", "QConv", "ConvTranspose":
            guard let w = typed.types[node.inputs[1]] else { return 0 }
            let perOutput = w.shape.dropFirst().reduce(1, *)  // C/group × kernel
            return node.opType == "ConvTranspose" ? (typed.types[node.inputs[0]]?.count ?? 0) * perOutput : out.count * perOutput
        case "Gemm", "FusedGemm", "MatMul":
            guard let a = typed.types[node.inputs[0]] else { return 0 }
            let transA = (node.int("transA") ?? 0) != 0
            return out.count * (transA ? a.shape.first ?? 1 : a.shape.last ?? 1)
        default:
            return 0
        }
    }

    public init(graph: Graph, typed: TypedGraph) {
        var ops: [String: Int] = [:]
        for node in graph.nodes { ops[node.domain.isEmpty ? node.opType : "\(node.domain)::\(node.opType)", default: 0] += 1 }
        self.ops = ops
        var parameters = graph.initializers.values.filter { $0.dtype == .float32 }.map(\.count).reduce(0, +)
        for node in graph.nodes where node.opType == "Constant" {
            if let t = node.tensor("value"), t.dtype == .float32 { parameters += t.count }
        }
        self.parameters = parameters
        macs = typed.nodes.map { Self.macs($0, in: typed) }.reduce(0, +)
    }
}
