import EngineIR

/// BatchNormalization after a Conv (or FusedConv without activation or residual) or a
/// ConvTranspose folds into it: with m = scale/√(var+ε), W'[o] = m[o]·W[o] and
/// b'[o] = m[o]·(b[o] − mean[o]) + B[o]. A ConvTranspose's weights are [C, M/group, k…]: output
/// channel o = group(c)·M/group + m.
public struct FuseConvBatchNorm: GraphPass {
    public init() {}
    public let name = "FuseConvBatchNorm"

    public func run(_ graph: inout TypedGraph) throws(EngineError) -> [String] {
        var changes: [String] = []
        var index = 0
        while index < graph.nodes.count {
            let bn = graph.nodes[index]
            guard bn.opType == "BatchNormalization", bn.domain.isEmpty, (bn.int("training_mode") ?? 0) == 0,
                let convIndex = graph.producer(of: bn.inputs[0]), graph.soleReader(of: bn.inputs[0]) == index,
                isPlainConv(graph.nodes[convIndex]),
                let weight = graph.constants[graph.nodes[convIndex].inputs[1]],
                let scale = graph.constants[bn.inputs[1]], let offset = graph.constants[bn.inputs[2]],
                let mean = graph.constants[bn.inputs[3]], let variance = graph.constants[bn.inputs[4]]
            else {
                index += 1
                continue
            }
            var conv = graph.nodes[convIndex]
            let (multiplier, shift) = BatchNormalizationOp.affine(bn, scale: scale.floats, bias: offset.floats,
                                                                  mean: mean.floats, variance: variance.floats)
            let outChannels: Int
            var w = weight.floats
            if conv.opType == "ConvTranspose" {
                let group = conv.int("group") ?? 1, inChannels = weight.shape[0], perGroup = weight.shape[1]
                let kernel = weight.count / max(1, inChannels * perGroup)
                outChannels = perGroup * group
                guard multiplier.count == outChannels, inChannels % group == 0 else {
                    index += 1
                    continue
                }
                for c in 0..<inChannels {
                    for m in 0..<perGroup {
                        let o = c / (inChannels / group) * perGroup + m
                        for i in 0..<kernel { w[(c * perGroup + m) * kernel + i] *= multiplier[o] }
                    }
                }
            } else {
                outChannels = weight.shape[0]
                let perChannel = weight.count / max(1, outChannels)
                for o in 0..<outChannels { for i in 0..<perChannel { w[o * perChannel + i] *= multiplier[o] } }
            }
            let oldBias = conv.inputs.count > 2 && !conv.inputs[2].isEmpty ? graph.constants[conv.inputs[2]]?.floats : nil
            let bias = (0..<outChannels).map { o in multiplier[o] * (oldBias?[o] ?? 0) + shift[o] }
            let weightName = conv.outputs[0] + "/folded_weight", biasName = conv.outputs[0] + "/folded_bias"
            graph.constants[weightName] = Tensor(shape: weight.shape, floats: w)
            graph.constants[biasName] = Tensor(shape: [outChannels], floats: bias)
            graph.types[weightName] = ValueType(.float32, weight.shape)
            graph.types[biasName] = ValueType(.float32, [outChannels])
            conv.inputs = [conv.inputs[0], weightName, biasName] + conv.inputs.dropFirst(3)
            conv.outputs = [bn.outputs[0]]
            graph.nodes[convIndex] = conv
            graph.nodes.remove(at: index)
            changes.append("folded \(bn.label) into \(conv.label)")
        }
        return changes
    }

    private func isPlainConv(_ node: Node) -> Bool {
        if (node.opType == "Conv" || node.opType == "ConvTranspose") && node.domain.isEmpty { return true }
        return node.opType == "FusedConv" && node.domain == FusedOps.domain && (node.int("activation") ?? 0) == 0 && node.inputs.count <= 3
    }
}
