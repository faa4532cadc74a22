import EngineIR

extension Lowering {
    /// Slice with constant starts/ends/axes/steps, and Transpose: a strided copy of any dtype.
    func stridedCopy(_ node: Node, out: ValueType, y: Location, input: (Int) -> Location?) -> (any Step)? {
        guard let x = input(0), let type = graph.types[node.inputs[0]] else { return nil }
        let context = NodeContext(node: node, opset: graph.graph.opset, types: node.inputs.map { $0.isEmpty ? nil : graph.types[$0] },
                                  constants: node.inputs.map { $0.isEmpty ? nil : graph.constants[$0] })
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
        default:
            return nil
        }
    }
}
