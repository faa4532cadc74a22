import EngineIR

/// DepthToSpace (DCR and CRD modes) and SpaceToDepth: a reshape to 6-D, a transpose and a
/// reshape back, as ONNX defines them — so both compile to one strided copy.
public struct DepthSpaceOp: OperatorKind {
    public let name: String
    public static let all = [DepthSpaceOp(name: "DepthToSpace"), DepthSpaceOp(name: "SpaceToDepth")]

    /// The input's 6-D view, the permutation applied to it, and the output shape.
    func plan(_ context: NodeContext) throws(EngineError) -> (view: [Int], perm: [Int], output: [Int]) {
        let x = try context.type(0)
        guard x.shape.count == 4 else { throw context.fail("input of rank \(x.shape.count), expected 4 (N, C, H, W)") }
        guard let b = context.node.int("blocksize"), b > 0 else { throw context.fail("blocksize missing or not positive") }
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        if name == "SpaceToDepth" {
            guard h % b == 0, w % b == 0 else { throw context.fail("spatial size \(h)×\(w) is not a multiple of blocksize \(b)") }
            return ([n, c, h / b, b, w / b, b], [0, 3, 5, 1, 2, 4], [n, c * b * b, h / b, w / b])
        }
        guard c % (b * b) == 0 else { throw context.fail("\(c) channels are not a multiple of blocksize² \(b * b)") }
        let output = [n, c / (b * b), h * b, w * b]
        switch context.node.string("mode") ?? "DCR" {
        case "DCR": return ([n, b, b, c / (b * b), h, w], [0, 3, 4, 1, 5, 2], output)
        case "CRD": return ([n, c / (b * b), b, b, h, w], [0, 1, 4, 2, 5, 3], output)
        case let mode: throw context.fail("mode '\(mode)' (expected DCR or CRD)")
        }
    }

    /// Output shape (in the transposed 6-D order) and element strides into the input.
    static func gather(_ plan: (view: [Int], perm: [Int], output: [Int])) -> (shape: [Int], strides: [Int]) {
        let strides = rowMajorStrides(plan.view)
        return (plan.perm.map { plan.view[$0] }, plan.perm.map { strides[$0] })
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        [ValueType(try context.type(0).dtype, try plan(context).output)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let p = try plan(context)
        let (shape, strides) = Self.gather(p)
        return [inputs[0]!.gathered(Broadcast.stridedIndices(shape, strides: strides), shape: p.output)]
    }
}
