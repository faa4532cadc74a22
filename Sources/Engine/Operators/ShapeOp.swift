import EngineIR

/// Shape (with opset-15 start/end) and Constant: values known at compile time.
public struct ShapeOp: OperatorKind {
    public let name = "Shape"
    public var dependsOnlyOnTypes: Bool { true }

    func slice(_ context: NodeContext) throws(EngineError) -> [Int] {
        let shape = try context.type(0).shape
        let rank = shape.count
        func clamp(_ v: Int) -> Int { min(max(v < 0 ? v + rank : v, 0), rank) }
        let start = clamp(context.node.int("start") ?? 0), end = clamp(context.node.int("end") ?? rank)
        return start < end ? Array(shape[start..<end]) : []
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        [ValueType(.int64, [try slice(context).count])]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let values = try slice(context)
        return [Tensor(shape: [values.count], int64s: values.map(Int64.init))]
    }
}

public struct ConstantOp: OperatorKind {
    public let name = "Constant"

    public func unsupported(_ node: Node, opset: Int) -> [String] {
        (try? value(node)) == nil ? ["node \(node.label): Constant needs value, value_float(s) or value_int(s) (sparse and string values are not supported)"] : []
    }

    func value(_ node: Node) throws(EngineError) -> Tensor {
        if let t = node.tensor("value") { return t }
        if let f = node.float("value_float"), case .float = node.attributes["value_float"] { return Tensor(shape: [], floats: [f]) }
        if let fs = node.floats("value_floats") { return Tensor(shape: [fs.count], floats: fs) }
        if let i = node.int("value_int") { return Tensor(shape: [], int64s: [Int64(i)]) }
        if let ints = node.ints("value_ints") { return Tensor(shape: [ints.count], int64s: ints.map(Int64.init)) }
        throw EngineError(.unsupported, "node \(node.label): no supported value")
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let t = try value(context.node)
        return [ValueType(t.dtype, t.shape)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] { [try value(context.node)] }
}
