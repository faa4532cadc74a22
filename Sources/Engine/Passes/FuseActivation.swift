import EngineIR

/// An activation after a Conv/Gemm moves into its epilogue (FusedConv/FusedGemm):
/// Relu → clamp [0, ∞); Clip with constant bounds (Relu6) → clamp; HardSigmoid(α, β);
/// HardSwish and the x·HardSigmoid(x) pattern, including x·(Clip(x + 3, 0, 6)/6) and Paddle's
/// (x·Clip(x + 3, 0, 6))/6, → hard-swish; x·Sigmoid(x) (SiLU, as PyTorch exports it) → swish. The producer must have no activation yet and no other reader.
public struct FuseActivation: GraphPass {
    public init() {}
    public let name = "FuseActivation"

    public func run(_ graph: inout TypedGraph) throws(EngineError) -> [String] {
        var changes: [String] = []
        var index = 0
        while index < graph.nodes.count {
            let producer = graph.nodes[index]
            guard isFusable(producer), let output = producer.outputs.first,
                let (activation, consumed, result) = match(output, graph)
            else {
                index += 1
                continue
            }
            var fused = Self.asFused(producer)
            fused.attributes.merge(activation.attributes) { _, new in new }
            fused.outputs = [result]
            graph.nodes[index] = fused
            let removed = consumed.map { graph.nodes[$0].label }
            for victim in consumed.sorted(by: >) { graph.nodes.remove(at: victim) }
            changes.append("fused \(removed.joined(separator: " + ")) into \(fused.label)")
            index = 0
        }
        return changes
    }

    private func isFusable(_ node: Node) -> Bool {
        if node.domain.isEmpty { return node.opType == "Conv" || node.opType == "Gemm" }
        return node.domain == FusedOps.domain && (node.int("activation") ?? 0) == 0
    }

    /// The activation applied to `value`, the nodes that computed it, and the value it yields.
    private func match(_ value: String, _ graph: TypedGraph) -> (Activation, [Int], String)? {
        let readers = graph.graphOutputs.contains(value) ? [] : graph.readerIndices(of: value)
        if readers.count == 1 {
            let node = graph.nodes[readers[0]]
            guard node.domain.isEmpty, node.inputs.first == value else { return nil }
            switch node.opType {
            case "Relu": return (.relu, readers, node.outputs[0])
            case "Clip":
                guard let (low, high) = clipBounds(node, graph) else { return nil }
                return (Activation(kind: .clamp, min: low, max: high), readers, node.outputs[0])
            case "HardSigmoid":
                return (Activation(kind: .hardSigmoid, alpha: node.float("alpha") ?? 0.2, beta: node.float("beta") ?? 0.5), readers, node.outputs[0])
            case "HardSwish":
                return (Activation(kind: .hardSwish, alpha: 1.0 / 6, beta: 0.5), readers, node.outputs[0])
            default: return nil
            }
        }
        return gatePattern(value, readers, graph)
    }

    /// Mul(x, Sigmoid(x)), Mul(x, HardSigmoid(x)) or Mul(x, Div(Clip(Add(x, 3), 0, 6), 6)): x's
    /// only readers are the Mul and the start of the gate.
    private func gatePattern(_ x: String, _ readers: [Int], _ graph: TypedGraph) -> (Activation, [Int], String)? {
        guard readers.count == 2 else { return nil }
        guard let mulIndex = readers.first(where: { graph.nodes[$0].opType == "Mul" }),
            let gateStart = readers.first(where: { $0 != mulIndex })
        else { return nil }
        let mul = graph.nodes[mulIndex]
        guard mul.domain.isEmpty, mul.inputs.contains(x), let gate = mul.inputs.first(where: { $0 != x }) else { return nil }
        let chain = [gateStart]
        let start = graph.nodes[gateStart]
        if start.opType == "Sigmoid", start.domain.isEmpty, start.outputs[0] == gate, graph.soleReader(of: gate) == mulIndex {
            return (Activation(kind: .swish), chain + [mulIndex], mul.outputs[0])
        }
        if start.opType == "HardSigmoid", start.outputs[0] == gate, graph.soleReader(of: gate) == mulIndex {
            let alpha = start.float("alpha") ?? 0.2, beta = start.float("beta") ?? 0.5
            return (Activation(kind: .hardSwish, alpha: alpha, beta: beta), chain + [mulIndex], mul.outputs[0])
        }
        // Add(x, 3) → Clip(0, 6), then either Div(6) → Mul(x, ·) or Mul(x, ·) → Div(6) (Paddle).
        guard start.opType == "Add", scalar(start.inputs.first { $0 != x }, graph) == 3,
            let clipIndex = graph.soleReader(of: start.outputs[0]), graph.nodes[clipIndex].opType == "Clip",
            let (low, high) = clipBounds(graph.nodes[clipIndex], graph), low == 0, high == 6,
            let afterClip = graph.soleReader(of: graph.nodes[clipIndex].outputs[0])
        else { return nil }
        let clipped = graph.nodes[clipIndex].outputs[0]
        let hardSwish = Activation(kind: .hardSwish, alpha: 1.0 / 6, beta: 0.5)
        let after = graph.nodes[afterClip]
        if after.opType == "Div", after.inputs[0] == clipped, scalar(after.inputs[1], graph) == 6, after.outputs[0] == gate,
            graph.soleReader(of: gate) == mulIndex
        {
            return (hardSwish, chain + [clipIndex, afterClip, mulIndex], mul.outputs[0])
        }
        guard afterClip == mulIndex, gate == clipped, let divIndex = graph.soleReader(of: mul.outputs[0]),
            graph.nodes[divIndex].opType == "Div", graph.nodes[divIndex].inputs[0] == mul.outputs[0],
            scalar(graph.nodes[divIndex].inputs[1], graph) == 6
        else { return nil }
        return (hardSwish, chain + [clipIndex, mulIndex, divIndex], graph.nodes[divIndex].outputs[0])
    }

    private func scalar(_ name: String?, _ graph: TypedGraph) -> Float? {
        guard let name, let t = graph.constants[name], t.count == 1 else { return nil }
        return t.floats[0]
    }

    /// Constant Clip bounds, as ClipOp reads them (attributes before opset 11, inputs after).
    private func clipBounds(_ node: Node, _ graph: TypedGraph) -> (Float, Float)? {
        try? ClipOp.bounds(graph.context(node))
    }

    /// The fused form of a Conv or Gemm (already fused nodes are returned unchanged).
    static func asFused(_ node: Node) -> Node {
        guard node.domain.isEmpty else { return node }
        var fused = node
        fused.domain = FusedOps.domain
        fused.opType = node.opType == "Conv" ? "FusedConv" : "FusedGemm"
        return fused
    }
}
