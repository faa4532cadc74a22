import EngineIR

/// Mul(conv(x), c) with a constant c of one value per output channel (or a scalar) folds into the
/// convolution's weights and bias — the "learnable affine" scale PP-LCNetV3 (PP-OCRv4) puts after
/// every convolution, which otherwise costs a pass over the whole feature map.
public struct FuseConvScale: GraphPass {
    public init() {}
    public let name = "FuseConvScale"

    public func run(_ graph: inout TypedGraph) throws(EngineError) -> [String] {
        var changes: [String] = []
        var index = 0
        while index < graph.nodes.count {
            let mul = graph.nodes[index]
            guard mul.opType == "Mul", mul.domain.isEmpty, mul.inputs.count == 2,
                let side = [0, 1].first(where: { graph.constants[mul.inputs[1 - $0]] != nil && graph.producer(of: mul.inputs[$0]) != nil }),
                let convIndex = graph.producer(of: mul.inputs[side]), graph.soleReader(of: mul.inputs[side]) == index,
                let out = graph.types[mul.inputs[side]], graph.types[mul.outputs[0]] == out,
                let constant = graph.constants[mul.inputs[1 - side]], let scale = graph.perChannelValues(constant, out.shape),
                graph.foldOutputAffine(into: convIndex, multiplier: scale, shift: scale.map { _ in 0 }, output: mul.outputs[0])
            else {
                index += 1
                continue
            }
            graph.nodes.remove(at: index)
            changes.append("folded \(mul.label) into \(graph.nodes[convIndex].label)")
        }
        return changes
    }
}
