import EngineIR

/// ReduceMean, ReduceSum, ReduceMax, ReduceMin: axes from the attribute, or the input
/// (ReduceSum from opset 13, the others from 18); keepdims; noop_with_empty_axes.
public struct ReduceOp: OperatorKind {
    public let name: String

    func axes(_ context: NodeContext, rank: Int) throws(EngineError) -> [Int] {
        let fromInput = name == "ReduceSum" ? context.opset >= 13 : context.opset >= 18
        let raw: [Int]?
        if fromInput {
            raw = context.hasInput(1) ? try context.constant(1, "axes").ints : nil
        } else {
            raw = context.node.ints("axes")
        }
        guard let raw, !raw.isEmpty else {
            return (context.node.int("noop_with_empty_axes") ?? 0) != 0 ? [] : Array(0..<rank)
        }
        var result: [Int] = []
        for a in raw {
            guard let axis = normalizedAxis(a, rank: rank) else { throw context.fail("axis \(a) out of range") }
            result.append(axis)
        }
        return Array(Set(result)).sorted()
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0)
        let axes = Set(try axes(context, rank: x.shape.count))
        let keep = (context.node.int("keepdims") ?? 1) != 0
        let shape = x.shape.indices.compactMap { axes.contains($0) ? (keep ? 1 : nil) : x.shape[$0] }
        return [ValueType(x.dtype, shape)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let x = inputs[0]!
        let out = try infer(context)[0]
        let axes = Set(try axes(context, rank: x.shape.count))
        let keptShape = x.shape.indices.map { axes.contains($0) ? 1 : x.shape[$0] }
        let index = Broadcast.indices(keptShape, to: x.shape)  // output slot of each input element
        let count = max(1, x.count / max(1, out.count))
        var acc = [Double](repeating: name == "ReduceMax" ? -.infinity : (name == "ReduceMin" ? .infinity : 0), count: out.count)
        let values = x.doubles
        for i in values.indices {
            let slot = index[i]
            switch name {
            case "ReduceMax": acc[slot] = max(acc[slot], values[i])
            case "ReduceMin": acc[slot] = min(acc[slot], values[i])
            default: acc[slot] += values[i]
            }
        }
        if name == "ReduceMean" { acc = acc.map { $0 / Double(count) } }
        return [Tensor.from(acc, shape: out.shape, dtype: x.dtype)]
    }
}
