import EngineIR

/// Add(conv(x), r) becomes FusedConv(x, W, B, residual: r) when the convolution has no
/// activation yet, its output is read only by the Add, r has exactly the output's shape (no
/// broadcast), and r is computed before the convolution runs (so the fused step can read it).
public struct FuseResidualAdd: GraphPass {
    public init() {}
    public let name = "FuseResidualAdd"

    public func run(_ graph: inout TypedGraph) throws(EngineError) -> [String] {
        var changes: [String] = []
        var index = 0
        while index < graph.nodes.count {
            let add = graph.nodes[index]
            guard add.opType == "Add", add.domain.isEmpty, add.inputs.count == 2, let (convIndex, residual) = match(add, at: index, graph)
            else {
                index += 1
                continue
            }
            var fused = FuseActivation.asFused(graph.nodes[convIndex])
            while fused.inputs.count < 3 { fused.inputs.append("") }
            fused.inputs.append(residual)
            fused.outputs = [add.outputs[0]]
            graph.nodes[convIndex] = fused
            graph.nodes.remove(at: index)
            changes.append("fused \(add.label) into \(fused.label) as a residual")
            if convIndex < index { continue }
            index += 1
        }
        return changes
    }

    private func match(_ add: Node, at index: Int, _ graph: TypedGraph) -> (Int, String)? {
        for (side, other) in [(0, 1), (1, 0)] {
            let value = add.inputs[side], residual = add.inputs[other]
            guard let convIndex = graph.producer(of: value), graph.soleReader(of: value) == index else { continue }
            let conv = graph.nodes[convIndex]
            let plain = (conv.opType == "Conv" && conv.domain.isEmpty)
                || (conv.opType == "FusedConv" && (conv.int("activation") ?? 0) == 0 && conv.inputs.count <= 3)
            guard plain, graph.types[residual] == graph.types[value], graph.constants[residual] == nil else { continue }
            if let residualProducer = graph.producer(of: residual), residualProducer >= convIndex { continue }
            return (convIndex, residual)
        }
        return nil
    }
}
