import EngineIR

/// Pad: constant, reflect and edge modes; pads from the input (opset ≥ 11) or attribute;
/// optional axes input (opset 18). Negative pads crop.
public struct PadOp: OperatorKind {
    public let name = "Pad"

    public func unsupported(_ node: Node, opset: Int) -> [String] {
        let mode = node.string("mode") ?? "constant"
        return ["constant", "reflect", "edge"].contains(mode) ? [] : ["node \(node.label): mode '\(mode)'"]
    }

    func pads(_ context: NodeContext, rank: Int) throws(EngineError) -> [Int] {
        let raw = context.opset >= 11 ? try context.constant(1, "pads").ints : (context.node.ints("pads") ?? [])
        var full = Array(repeating: 0, count: 2 * rank)
        if context.opset >= 18 && context.hasInput(3) {
            let axes = try context.constant(3, "axes").ints
            guard raw.count == 2 * axes.count else { throw context.fail("pads and axes lengths differ") }
            for (i, a) in axes.enumerated() {
                guard let axis = normalizedAxis(a, rank: rank) else { throw context.fail("axis \(a) out of range") }
                full[axis] = raw[i]
                full[axis + rank] = raw[i + axes.count]
            }
            return full
        }
        guard raw.count == 2 * rank else { throw context.fail("pads has \(raw.count) values for rank \(rank)") }
        return raw
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0)
        let p = try pads(context, rank: x.shape.count)
        let shape = x.shape.indices.map { x.shape[$0] + p[$0] + p[$0 + x.shape.count] }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw context.fail("pads \(p) crop more than \(x.shape)") }
        return [ValueType(x.dtype, shape)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let x = inputs[0]!
        let rank = x.shape.count
        let p = try pads(context, rank: rank)
        let out = try infer(context)[0]
        let mode = context.node.string("mode") ?? "constant"
        let constant: Double = context.opset >= 11 ? (inputs.count > 2 ? inputs[2]?.doubles.first ?? 0 : 0) : Double(context.node.float("value") ?? 0)
        let values = x.doubles
        let inStrides = rowMajorStrides(x.shape), outStrides = rowMajorStrides(out.shape)
        var y = [Double](repeating: constant, count: out.count)
        for flat in 0..<out.count {
            var source = 0, inside = true
            for axis in 0..<rank {
                var i = (flat / outStrides[axis]) % out.shape[axis] - p[axis]
                let dim = x.shape[axis]
                if i < 0 || i >= dim {
                    switch mode {
                    case "edge": i = min(max(i, 0), dim - 1)
                    case "reflect":
                        guard dim > 1 else { i = 0; break }
                        let period = 2 * (dim - 1)
                        i = ((i % period) + period) % period
                        if i >= dim { i = period - i }
                    default: inside = false
                    }
                }
                if !inside { break }
                source += i * inStrides[axis]
            }
            if inside { y[flat] = values[source] }
        }
        return [Tensor.from(y, shape: out.shape, dtype: x.dtype)]
    }
}
