import EngineIR

/// QuantizeLinear and DequantizeLinear (opset 10–21, per-tensor or per-axis scales):
/// y = saturate(round_half_to_even(x / scale) + zero_point) and x = (y − zero_point)·scale.
/// Reference semantics; a DequantizeLinear of constant weights folds to float weights at
/// compile time. Integer execution between quantized ops is the INT8 engine's work.
public struct QuantizeLinearOp: OperatorKind {
    public let name: String

    public func unsupported(_ node: Node, opset: Int) -> [String] {
        (node.int("block_size") ?? 0) != 0 ? ["node \(node.label): blocked quantization (block_size)"] : []
    }

    /// Scales must be positive and finite; zero points within their type; checked whenever
    /// they are constants (they always are in quantizer output).
    func checkParameters(_ context: NodeContext) throws(EngineError) {
        if let scales = context.constants.count > 1 ? context.constants[1] : nil,
            let bad = scales.floats.first(where: { !($0 > 0) || !$0.isFinite })
        {
            throw EngineError(.invalidModel, "node \(context.node.label): scale \(bad) is not a positive finite number")
        }
        if name == "DequantizeLinear", context.types.count > 2, let zeroType = context.types[2], let xType = context.types[0],
            zeroType.dtype != xType.dtype
        {
            throw EngineError(.invalidModel, "node \(context.node.label): zero point is \(zeroType.dtype), input is \(xType.dtype)")
        }
        if context.constants.count > 2, let zeros = context.constants[2] {
            let range: ClosedRange<Double> = zeros.dtype == .int8 ? -128...127 : zeros.dtype == .uint8 ? 0...255 : -2_147_483_648...2_147_483_647
            if let bad = zeros.doubles.first(where: { !range.contains($0) }) {
                throw EngineError(.invalidModel, "node \(context.node.label): zero point \(bad) is outside \(zeros.dtype)")
            }
            if let scales = context.constants[1], zeros.count != scales.count && zeros.count != 1 {
                throw EngineError(.invalidModel, "node \(context.node.label): \(scales.count) scales but \(zeros.count) zero points")
            }
        }
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        try checkParameters(context)
        let x = try context.type(0), scale = try context.type(1)
        guard scale.count == 1 || scale.shape.count == 1 else { throw context.fail("scale must be a scalar or 1-D") }
        if scale.count > 1 {
            guard let axis = normalizedAxis(context.node.int("axis") ?? 1, rank: x.shape.count), x.shape[axis] == scale.count else {
                throw context.fail("per-axis scale of \(scale.count) values does not fit \(x.shape)")
            }
        }
        if name == "DequantizeLinear" { return [ValueType(.float32, x.shape)] }
        let target: DType = context.hasInput(2) ? try context.type(2).dtype : .uint8
        guard target == .uint8 || target == .int8 else { throw EngineError(.unsupported, "node \(context.node.label): quantize to \(target)") }
        return [ValueType(target, x.shape)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let out = try infer(context)[0]
        let x = inputs[0]!
        let scales = inputs[1]!.floats
        let zeros = inputs.count > 2 ? inputs[2]?.doubles ?? [0] : [0]
        let rank = x.shape.count
        let axis = scales.count > 1 ? normalizedAxis(context.node.int("axis") ?? 1, rank: rank)! : 0
        let inner = scales.count > 1 ? x.shape[(axis + 1)...].reduce(1, *) : 1
        let values = x.doubles
        var result = [Double](repeating: 0, count: values.count)
        for i in values.indices {
            let c = scales.count > 1 ? (i / inner) % scales.count : 0
            let scale = scales[c], zero = zeros.count > 1 ? zeros[c] : zeros[0]
            if name == "DequantizeLinear" {
                result[i] = Double(Float(values[i] - zero) * scale)
            } else {
                let low: Double = out.dtype == .uint8 ? 0 : -128, high: Double = out.dtype == .uint8 ? 255 : 127
                let q = Double(Float(values[i]) / scale).rounded(.toNearestOrEven) + zero
                result[i] = min(max(q, low), high)
            }
        }
        return [Tensor.from(result, shape: x.shape, dtype: out.dtype)]
    }
}
