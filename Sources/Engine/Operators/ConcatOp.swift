import EngineIR

/// Concat along one axis (negative axes allowed); dtype-generic.
public struct ConcatOp: OperatorKind {
    public let name = "Concat"

    func axis(_ context: NodeContext, rank: Int) throws(EngineError) -> Int {
        guard let raw = context.node.int("axis"), let axis = normalizedAxis(raw, rank: rank) else { throw context.fail("needs a valid axis") }
        return axis
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let types = try context.node.inputs.indices.map { index throws(EngineError) in try context.type(index) }
        let first = types[0]
        let axis = try axis(context, rank: first.shape.count)
        var shape = first.shape
        shape[axis] = 0
        for t in types {
            guard t.shape.count == first.shape.count, t.dtype == first.dtype,
                t.shape.indices.allSatisfy({ $0 == axis || t.shape[$0] == first.shape[$0] })
            else { throw context.fail("inputs \(types.map(\.shape)) do not concatenate on axis \(axis)") }
            shape[axis] += t.shape[axis]
        }
        return [ValueType(first.dtype, shape)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let out = try infer(context)[0]
        let tensors = inputs.map { $0! }
        let axis = try axis(context, rank: out.shape.count)
        let outer = out.shape[..<axis].reduce(1, *), inner = out.shape[(axis + 1)...].reduce(1, *)
        var values: [Double] = []
        values.reserveCapacity(out.count)
        let sources = tensors.map(\.doubles)
        for o in 0..<outer {
            for (t, source) in zip(tensors, sources) {
                let block = t.shape[axis] * inner
                values += source[o * block..<(o + 1) * block]
            }
        }
        return [Tensor.from(values, shape: out.shape, dtype: out.dtype)]
    }
}

/// Transpose by `perm` (default: reverse the axes).
public struct TransposeOp: OperatorKind {
    public let name = "Transpose"

    func perm(_ context: NodeContext, rank: Int) throws(EngineError) -> [Int] {
        let perm = context.node.ints("perm") ?? Array((0..<rank).reversed())
        guard perm.sorted() == Array(0..<rank) else { throw context.fail("perm \(perm) is not a permutation of \(rank) axes") }
        return perm
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0)
        return [ValueType(x.dtype, try perm(context, rank: x.shape.count).map { x.shape[$0] })]
    }

    /// For each output element, the flat index of its source.
    static func sourceIndices(shape: [Int], perm: [Int]) -> [Int] {
        let outShape = perm.map { shape[$0] }
        let inStrides = rowMajorStrides(shape)
        let strides = perm.map { inStrides[$0] }
        return Broadcast.stridedIndices(outShape, strides: strides)
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let x = inputs[0]!
        let perm = try perm(context, rank: x.shape.count)
        return [x.gathered(Self.sourceIndices(shape: x.shape, perm: perm), shape: perm.map { x.shape[$0] })]
    }
}
