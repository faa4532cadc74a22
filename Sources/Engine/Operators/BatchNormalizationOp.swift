import EngineIR

/// BatchNormalization in inference mode: y = scale·(x − mean)/√(var + ε) + B per channel.
/// Folded into the producing Conv/Gemm by a pass where it can be.
public struct BatchNormalizationOp: OperatorKind {
    public let name = "BatchNormalization"

    public func unsupported(_ node: Node, opset: Int) -> [String] {
        var items: [String] = []
        if (node.int("training_mode") ?? 0) != 0 { items.append("node \(node.label): training_mode 1") }
        if node.outputs.count > 1 && node.outputs.dropFirst().contains(where: { !$0.isEmpty }) {
            items.append("node \(node.label): running mean/var outputs (training)")
        }
        return items
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0)
        guard x.shape.count >= 2 else { throw context.fail("input \(x.shape) needs a channel axis") }
        for index in 1...4 where try context.type(index).shape != [x.shape[1]] {
            throw context.fail("input \(index) must have \(x.shape[1]) elements")
        }
        return [x]
    }

    /// Per-channel (multiplier, offset) so that y = multiplier·x + offset.
    static func affine(_ node: Node, scale: [Float], bias: [Float], mean: [Float], variance: [Float]) -> ([Float], [Float]) {
        let epsilon = Double(node.float("epsilon") ?? 1e-5)
        var multiplier = [Float](repeating: 0, count: scale.count), offset = multiplier
        for c in scale.indices {
            let m = Double(scale[c]) / (Double(variance[c]) + epsilon).squareRoot()
            multiplier[c] = Float(m)
            offset[c] = Float(Double(bias[c]) - Double(mean[c]) * m)
        }
        return (multiplier, offset)
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let x = inputs[0]!
        let (multiplier, offset) = Self.affine(context.node, scale: inputs[1]!.floats, bias: inputs[2]!.floats,
                                               mean: inputs[3]!.floats, variance: inputs[4]!.floats)
        let channels = x.shape[1], size = x.shape.dropFirst(2).reduce(1, *)
        var y = x.floats
        for i in y.indices {
            let c = (i / size) % channels
            y[i] = y[i] * multiplier[c] + offset[c]
        }
        return [Tensor(shape: x.shape, floats: y)]
    }
}
