import EngineIR

/// DequantizeLinear(x_q) → Conv(·, DequantizeLinear(W_q), B) [→ Relu] → QuantizeLinear becomes one
/// integer `QConv` (uint8 activations, per-channel int8 weights with zero points 0, int32
/// accumulation, fp32 requantization, Relu as the quantized lower bound) — as ONNX Runtime's
/// quantizer writes QDQ models. Runs before FoldConstants, while the int8 weights are still
/// visible behind their DequantizeLinear. Plain (group 1) and depthwise convolutions are fused;
/// other grouped convolutions stay in float (no integer kernel for them).
public struct FuseQDQConv: GraphPass {
    public init() {}
    public let name = "FuseQDQConv"

    public func run(_ graph: inout TypedGraph) throws(EngineError) -> [String] {
        var changes: [String] = []
        var index = 0
        while index < graph.nodes.count {
            guard let (qconv, consumed) = match(at: index, graph) else {
                index += 1
                continue
            }
            let label = graph.nodes[index].label
            for (name, tensor) in qconv.constants {
                graph.constants[name] = tensor
                graph.types[name] = ValueType(tensor.dtype, tensor.shape)
            }
            graph.nodes[index] = qconv.node
            graph.types[qconv.node.outputs[0]] = graph.types[qconv.node.outputs[0]].map { ValueType(.uint8, $0.shape) }
            for victim in consumed.sorted(by: >) { graph.nodes.remove(at: victim) }
            changes.append("fused \(label) with its Q/DQ into an integer QConv")
        }
        return changes
    }

    private struct Rewrite {
        var node: Node
        var constants: [String: Tensor]
    }

    private func scalar(_ name: String?, _ graph: TypedGraph) -> Tensor? {
        guard let name, !name.isEmpty, let t = graph.constants[name], t.count == 1 else { return nil }
        return t
    }

    private func match(at index: Int, _ graph: TypedGraph) -> (Rewrite, [Int])? {
        let conv = graph.nodes[index]
        guard conv.opType == "Conv", conv.domain.isEmpty,
            let dqx = graph.producer(of: conv.inputs[0]).map({ graph.nodes[$0] }), dqx.opType == "DequantizeLinear",
            graph.types[dqx.inputs[0]]?.dtype == .uint8, graph.types[dqx.inputs[0]]?.shape.count == 4,
            let sx = scalar(dqx.inputs[1], graph)?.floats[0],
            let dqw = graph.producer(of: conv.inputs[1]).map({ graph.nodes[$0] }), dqw.opType == "DequantizeLinear",
            let weights = graph.constants[dqw.inputs[0]], weights.dtype == .int8, let sw = graph.constants[dqw.inputs[1]]?.floats
        else { return nil }
        let group = conv.int("group") ?? 1
        if group != 1 {
            guard let channels = graph.types[conv.inputs[0]]?.shape[1], group == channels, weights.shape.count == 4,
                weights.shape[0] == channels, weights.shape[1] == 1
            else { return nil }
        }
        let xZero = dqx.inputs.count > 2 ? scalar(dqx.inputs[2], graph)?.ints[0] : 0
        let wZeros = dqw.inputs.count > 2 && !dqw.inputs[2].isEmpty ? graph.constants[dqw.inputs[2]]?.ints : [0]
        guard let xZero, let wZeros, wZeros.allSatisfy({ $0 == 0 }) else { return nil }
        // The output: optionally through a Relu, into one QuantizeLinear to uint8.
        var consumed: [Int] = []
        var value = conv.outputs[0]
        var relu = false
        if let reader = graph.soleReader(of: value), graph.nodes[reader].opType == "Relu" {
            relu = true
            consumed.append(reader)
            value = graph.nodes[reader].outputs[0]
        }
        guard let qIndex = graph.soleReader(of: value), graph.nodes[qIndex].opType == "QuantizeLinear" else { return nil }
        let q = graph.nodes[qIndex]
        guard let sy = scalar(q.inputs[1], graph)?.floats[0], graph.types[q.outputs[0]]?.dtype == .uint8 else { return nil }
        let yZero = q.inputs.count > 2 ? scalar(q.inputs[2], graph)?.ints[0] ?? 0 : 0
        consumed.append(qIndex)

        let outChannels = weights.shape[0], perChannel = weights.count / max(1, outChannels)
        guard sw.count == 1 || sw.count == outChannels else { return nil }
        let w = weights.ints
        let floatBias = conv.inputs.count > 2 && !conv.inputs[2].isEmpty ? graph.constants[conv.inputs[2]]?.floats : nil
        if conv.inputs.count > 2 && !conv.inputs[2].isEmpty && floatBias == nil { return nil }
        var bias: [Int32] = [], multiplier: [Float] = []
        for m in 0..<outChannels {
            let scale = sx * sw[sw.count == 1 ? 0 : m]
            let rowSum = w[(m * perChannel)..<((m + 1) * perChannel)].reduce(0, +)
            let quantizedBias = ((floatBias?[m] ?? 0) / scale).nearest
            bias.append(Int32(clamping: quantizedBias - xZero * rowSum))
            multiplier.append(scale / sy)
        }
        let base = q.outputs[0]
        var node = conv
        node.domain = FusedOps.domain
        node.opType = "QConv"
        node.name = conv.name
        node.inputs = [dqx.inputs[0], base + "/qweight", base + "/qbias", base + "/qmultiplier"]
        node.outputs = [base]
        node.attributes["x_zero"] = .int(xZero)
        node.attributes["y_zero"] = .int(yZero)
        node.attributes["y_min"] = .int(relu ? max(0, yZero) : 0)
        node.attributes["y_max"] = .int(255)
        let constants: [String: Tensor] = [
            base + "/qweight": weights, base + "/qbias": Tensor(shape: [outChannels], storage: .int32(bias)),
            base + "/qmultiplier": Tensor(shape: [outChannels], floats: multiplier),
        ]
        return (Rewrite(node: node, constants: constants), consumed)
    }
}

private extension Float {
    /// Nearest integer, ties to even (as the quantizer rounds the bias).
    var nearest: Int { Int(self.rounded(.toNearestOrEven)) }
}
