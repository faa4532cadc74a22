import EngineIR

/// Cast to another element type (float → integer truncates toward zero, saturating).
public struct CastOp: OperatorKind {
    public let name = "Cast"

    public func unsupported(_ node: Node, opset: Int) -> [String] {
        guard let to = node.int("to") else { return ["node \(node.label): Cast without 'to'"] }
        return DType(onnxCode: to) == nil ? ["node \(node.label): Cast to \(DType.onnxName(to))"] : []
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        guard let target = DType(onnxCode: context.node.int("to") ?? 0) else { throw EngineError(.unsupported, "node \(context.node.label): target type") }
        return [ValueType(target, try context.type(0).shape)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let target = try infer(context)[0]
        let x = inputs[0]!
        switch target.dtype {
        case .float32: return [Tensor(shape: x.shape, floats: x.floats)]
        case .float64: return [Tensor(shape: x.shape, storage: .float64(x.doubles))]
        case .float16: return [Tensor(shape: x.shape, storage: .float16(x.floats.map { Float16($0) }))]
        default: return [Tensor.from(x.doubles.map { $0.rounded(.towardZero) }, shape: x.shape, dtype: target.dtype)]
        }
    }
}

/// Clip to [min, max]: bounds from inputs (opset ≥ 11, optional) or attributes (opset < 11).
public struct ClipOp: OperatorKind {
    public let name = "Clip"

    /// The bounds, when known at compile time (missing bounds are ∓infinity).
    static func bounds(_ context: NodeContext) throws(EngineError) -> (Float, Float) {
        if context.opset < 11 {
            return (context.node.float("min") ?? -.infinity, context.node.float("max") ?? .infinity)
        }
        let low = context.hasInput(1) ? try context.constant(1, "min").floats.first ?? -.infinity : -.infinity
        let high = context.hasInput(2) ? try context.constant(2, "max").floats.first ?? .infinity : .infinity
        return (low, high)
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] { [try context.type(0)] }

    /// Bounds from the attributes or from the (possibly runtime) bound inputs.
    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        var low: Float = -.infinity, high: Float = .infinity
        if context.opset < 11 {
            (low, high) = try Self.bounds(context)
        } else {
            if inputs.count > 1, let bound = inputs[1]?.floats.first { low = bound }
            if inputs.count > 2, let bound = inputs[2]?.floats.first { high = bound }
        }
        let x = inputs[0]!
        return [Tensor.from(x.doubles.map { min(max($0, Double(low)), Double(high)) }, shape: x.shape, dtype: x.dtype)]
    }
}
