import EngineIR

extension Lowering {
    /// Slice with constant starts/ends/axes/steps, Transpose, DepthToSpace and SpaceToDepth: a
    /// strided copy of any dtype.
    func stridedCopy(_ node: Node, out: ValueType, y: Location, input: (Int) -> Location?) -> (any Step)? {
        guard let x = input(0), let type = graph.types[node.inputs[0]] else { return nil }
        let context = graph.context(node)
        let inStrides = rowMajorStrides(type.shape)
        switch node.opType {
        case "Slice":
            guard let plan = try? SliceOp().plan(context) else { return nil }
            return StridedCopyStep(name: "Slice", x: x, y: y, shape: plan.shape, strides: zip(plan.steps, inStrides).map { $0 * $1 },
                                   offset: zip(plan.starts, inStrides).map { $0 * $1 }.reduce(0, +), elementBytes: out.dtype.byteSize)
        case "Transpose":
            guard let perm = try? TransposeOp().perm(context, rank: type.shape.count) else { return nil }
            return StridedCopyStep(name: "Transpose", x: x, y: y, shape: out.shape, strides: perm.map { inStrides[$0] }, offset: 0,
                                   elementBytes: out.dtype.byteSize)
        case "DepthToSpace", "SpaceToDepth":
            guard let plan = try? DepthSpaceOp(name: node.opType).plan(context) else { return nil }
            let (shape, strides) = DepthSpaceOp.gather(plan)
            return StridedCopyStep(name: node.opType, x: x, y: y, shape: shape, strides: strides, offset: 0, elementBytes: out.dtype.byteSize)
        default:
            return nil
        }
    }
}

extension Lowering {
    /// LRN and MeanVarianceNormalization (float).
    func normalization(_ node: Node, out: ValueType, y: Location, input: (Int) -> Location?) -> (any Step)? {
        guard out.dtype == .float32, let x = input(0) else { return nil }
        let shape = out.shape, count = out.count
        if node.opType == "LRN" {
            guard shape.count >= 3, let p = LRNOp.parameters(node) else { return nil }
            return NormalizationStep(name: "LRN", x: x, y: y) { LRNOp.compute($0, $1, shape: shape, p) }
        }
        guard let (index, slots) = MeanVarianceNormalizationOp.slots(node, shape: shape) else { return nil }
        return NormalizationStep(name: "MVN", x: x, y: y) { MeanVarianceNormalizationOp.compute($0, $1, count: count, index: index, slots: slots) }
    }

    /// Float reductions with constant axes.
    func reduction(_ node: Node, out: ValueType, y: Location, input: (Int) -> Location?) -> (any Step)? {
        guard out.dtype == .float32, let x = input(0), let type = graph.types[node.inputs[0]], let kind = ReduceOp.Kind(rawValue: node.opType)
        else { return nil }
        let context = graph.context(node)
        guard let axes = try? ReduceOp(name: node.opType).axes(context, rank: type.shape.count) else { return nil }
        let kept = type.shape.indices.map { axes.contains($0) ? 1 : type.shape[$0] }
        let strides = zip(rowMajorStrides(kept), type.shape.indices).map { axes.contains($1) ? 0 : $0 }
        return ReduceStep(x: x, y: y, shape: type.shape, slotStrides: strides, outCount: out.count, reduce: kind)
    }
}
