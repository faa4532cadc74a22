import EngineIR

/// Gather along an axis with constant or runtime indices (negative indices wrap).
public struct GatherOp: OperatorKind {
    public let name = "Gather"

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let data = try context.type(0), indices = try context.type(1)
        guard let axis = normalizedAxis(context.node.int("axis") ?? 0, rank: data.shape.count) else { throw context.fail("axis out of range") }
        guard indices.dtype == .int64 || indices.dtype == .int32 else { throw context.fail("indices must be int32/int64") }
        return [ValueType(data.dtype, Array(data.shape[..<axis]) + indices.shape + Array(data.shape[(axis + 1)...]))]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let data = inputs[0]!, indices = inputs[1]!.ints
        let out = try infer(context)[0]
        let axis = normalizedAxis(context.node.int("axis") ?? 0, rank: data.shape.count)!
        let extent = data.shape[axis]
        let outer = data.shape[..<axis].reduce(1, *), inner = data.shape[(axis + 1)...].reduce(1, *)
        var flat: [Int] = []
        flat.reserveCapacity(out.count)
        for o in 0..<outer {
            for raw in indices {
                let i = raw < 0 ? raw + extent : raw
                guard i >= 0, i < extent else { throw EngineError(.input, "node \(context.node.label): index \(raw) out of range [-\(extent), \(extent))") }
                let base = (o * extent + i) * inner
                flat += base..<(base + inner)
            }
        }
        return [data.gathered(flat, shape: out.shape)]
    }
}

/// Slice with starts/ends/axes/steps inputs (opset ≥ 10) or attributes (opset < 10),
/// clamping as ONNX does; negative steps supported.
public struct SliceOp: OperatorKind {
    public let name = "Slice"

    struct Plan { var shape: [Int]; var starts: [Int]; var steps: [Int] }

    func plan(_ context: NodeContext) throws(EngineError) -> Plan {
        let x = try context.type(0)
        let rank = x.shape.count
        let starts: [Int], ends: [Int], axesIn: [Int]?, stepsIn: [Int]?
        if context.opset >= 10 {
            starts = try context.constant(1, "starts").ints
            ends = try context.constant(2, "ends").ints
            axesIn = context.hasInput(3) ? try context.constant(3, "axes").ints : nil
            stepsIn = context.hasInput(4) ? try context.constant(4, "steps").ints : nil
        } else {
            starts = context.node.ints("starts") ?? []
            ends = context.node.ints("ends") ?? []
            axesIn = context.node.ints("axes")
            stepsIn = nil
        }
        let axes = axesIn ?? Array(0..<starts.count)
        let steps = stepsIn ?? Array(repeating: 1, count: starts.count)
        guard starts.count == ends.count, axes.count == starts.count, steps.count == starts.count else { throw context.fail("starts/ends/axes/steps lengths differ") }
        var plan = Plan(shape: x.shape, starts: Array(repeating: 0, count: rank), steps: Array(repeating: 1, count: rank))
        for (i, rawAxis) in axes.enumerated() {
            guard let axis = normalizedAxis(rawAxis, rank: rank), steps[i] != 0 else { throw context.fail("bad axis \(rawAxis) or step 0") }
            let dim = x.shape[axis], step = steps[i]
            func adjust(_ v: Int) -> Int { v < 0 ? v + dim : v }
            var start = adjust(starts[i]), end = adjust(ends[i])
            if step > 0 {
                start = min(max(start, 0), dim)
                end = min(max(end, 0), dim)
                plan.shape[axis] = max(0, (end - start + step - 1) / step)
            } else {
                start = min(max(start, -1), dim - 1)
                end = min(max(end, -1), dim - 1)
                plan.shape[axis] = max(0, (start - end + (-step) - 1) / (-step))
            }
            plan.starts[axis] = start
            plan.steps[axis] = step
        }
        return plan
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        [ValueType(try context.type(0).dtype, try plan(context).shape)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let x = inputs[0]!
        let p = try plan(context)
        let inStrides = rowMajorStrides(x.shape)
        let offset = zip(p.starts, inStrides).map { $0 * $1 }.reduce(0, +)
        let strides = zip(p.steps, inStrides).map { $0 * $1 }
        return [x.gathered(Broadcast.stridedIndices(p.shape, strides: strides, offset: offset), shape: p.shape)]
    }
}
