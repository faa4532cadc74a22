import EngineIR

/// BatchNormalization after a Conv (or FusedConv without activation or residual) or a
/// ConvTranspose folds into it: with m = scale/√(var+ε), W'[o] = m[o]·W[o] and
/// b'[o] = m[o]·(b[o] − mean[o]) + B[o] (TypedGraph.foldOutputAffine).
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
                let scale = graph.constants[bn.inputs[1]], let offset = graph.constants[bn.inputs[2]],
                let mean = graph.constants[bn.inputs[3]], let variance = graph.constants[bn.inputs[4]]
            else {
                index += 1
                continue
            }
            let (multiplier, shift) = BatchNormalizationOp.affine(bn, scale: scale.floats, bias: offset.floats,
                                                                  mean: mean.floats, variance: variance.floats)
            guard graph.foldOutputAffine(into: convIndex, multiplier: multiplier, shift: shift, output: bn.outputs[0]) else {
                index += 1
                continue
            }
            graph.nodes.remove(at: index)
            changes.append("folded \(bn.label) into \(graph.nodes[convIndex].label)")
        }
        return changes
    }
}
