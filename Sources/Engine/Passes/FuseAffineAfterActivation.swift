import EngineIR

/// Mul and/or Add by scalar constants after a FusedConv or FusedGemm move into its epilogue as
/// y·scale + shift after the activation — PP-LCNetV3 (PP-OCRv4) follows every hard-swish with
/// such a "learnable affine block", and as separate steps each is one more pass over the feature
/// map. The producer's output, and the Mul's, must have no other reader.
public struct FuseAffineAfterActivation: GraphPass {
    public init() {}
    public let name = "FuseAffineAfterActivation"

    public func run(_ graph: inout TypedGraph) throws(EngineError) -> [String] {
        var changes: [String] = []
        for index in graph.nodes.indices.reversed() where index < graph.nodes.count {
            let node = graph.nodes[index]
            guard node.domain == FusedOps.domain, node.opType == "FusedConv" || node.opType == "FusedGemm" else { continue }
            var activation = Activation(node)
            guard !activation.isAffine, let (scale, shift, consumed, result) = match(node.outputs[0], graph) else { continue }
            activation.scale = scale
            activation.shift = shift
            var fused = node
            fused.attributes.merge(activation.attributes) { _, new in new }
            fused.outputs = [result]
            graph.nodes[index] = fused
            let removed = consumed.map { graph.nodes[$0].label }
            for victim in consumed.sorted(by: >) { graph.nodes.remove(at: victim) }
            changes.append("fused \(removed.joined(separator: " + ")) into \(fused.label)")
        }
        return changes
    }

    /// y·scale + shift computed from `value` by a scalar Mul, a scalar Add, or a Mul then an Add:
    /// the factors, the nodes, and the value they yield.
    private func match(_ value: String, _ graph: TypedGraph) -> (Float, Float, [Int], String)? {
        guard let first = step(value, graph) else { return nil }
        if graph.nodes[first.index].opType == "Mul", let second = step(graph.nodes[first.index].outputs[0], graph),
            graph.nodes[second.index].opType == "Add"
        {
            return (first.constant, second.constant, [first.index, second.index], graph.nodes[second.index].outputs[0])
        }
        let mul = graph.nodes[first.index].opType == "Mul"
        return (mul ? first.constant : 1, mul ? 0 : first.constant, [first.index], graph.nodes[first.index].outputs[0])
    }

    /// The sole reader of `value` when it is a Mul or Add by a scalar constant that keeps its type.
    private func step(_ value: String, _ graph: TypedGraph) -> (index: Int, constant: Float)? {
        guard let index = graph.soleReader(of: value) else { return nil }
        let node = graph.nodes[index]
        guard node.domain.isEmpty, node.opType == "Mul" || node.opType == "Add", node.inputs.count == 2,
            let other = node.inputs.first(where: { $0 != value }), let constant = graph.constants[other], constant.count == 1,
            constant.dtype == .float32, graph.types[node.outputs[0]] == graph.types[value]
        else { return nil }
        return (index, constant.floats[0])
    }
}
