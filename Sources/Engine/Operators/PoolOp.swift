import EngineIR

/// MaxPool and AveragePool (NCHW): kernel_shape, strides, dilations, pads / auto_pad,
/// ceil_mode, count_include_pad. MaxPool's optional Indices output is not supported.
public struct PoolOp: OperatorKind {
    public let name: String

    public func unsupported(_ node: Node, opset: Int) -> [String] {
        var items = ConvGeometry.checkAutoPad(node)
        if node.outputs.count > 1 && !node.outputs[1].isEmpty { items.append("node \(node.label): MaxPool Indices output") }
        if (node.int("storage_order") ?? 0) != 0 { items.append("node \(node.label): storage_order 1") }
        return items
    }

    func geometry(_ context: NodeContext) throws(EngineError) -> (ValueType, ConvGeometry) {
        let x = try context.type(0)
        guard x.shape.count >= 3, let kernel = context.node.ints("kernel_shape"), kernel.count == x.shape.count - 2 else {
            throw context.fail("needs kernel_shape matching input \(x.shape)")
        }
        let geometry = try ConvGeometry.make(context.node, spatial: Array(x.shape[2...]), kernel: kernel,
                                             ceilMode: (context.node.int("ceil_mode") ?? 0) != 0)
        return (x, geometry)
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let (x, g) = try geometry(context)
        return [ValueType(x.dtype, Array(x.shape[0..<2]) + g.output)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let (x, g) = try geometry(context)
        let values = inputs[0]!.doubles
        let planes = x.shape[0] * x.shape[1]
        let inSpatial = g.input.reduce(1, *), outSpatial = g.output.reduce(1, *), kSpatial = g.kernel.reduce(1, *)
        let outStrides = rowMajorStrides(g.output), kStrides = rowMajorStrides(g.kernel), inStrides = rowMajorStrides(g.input)
        let includePad = (context.node.int("count_include_pad") ?? 0) != 0
        var y = [Double](repeating: 0, count: planes * outSpatial)
        for plane in 0..<planes {
            for o in 0..<outSpatial {
                var best = -Double.infinity, sum = 0.0, taps = 0, window = 0
                for k in 0..<kSpatial {
                    var offset = 0, inside = true, inPadded = true
                    for axis in 0..<g.kernel.count {
                        let oi = (o / outStrides[axis]) % g.output[axis]
                        let ki = (k / kStrides[axis]) % g.kernel[axis]
                        let ii = oi * g.strides[axis] - g.padsBegin[axis] + ki * g.dilations[axis]
                        if ii >= g.input[axis] + g.padsEnd[axis] { inPadded = false }
                        if ii < 0 || ii >= g.input[axis] { inside = false } else { offset += ii * inStrides[axis] }
                    }
                    if inPadded { window += 1 }
                    guard inside else { continue }
                    let v = values[plane * inSpatial + offset]
                    best = max(best, v)
                    sum += v
                    taps += 1
                }
                y[plane * outSpatial + o] = name == "MaxPool" ? best : sum / Double(max(1, includePad ? window : taps))
            }
        }
        return [Tensor.from(y, shape: Array(x.shape[0..<2]) + g.output, dtype: x.dtype)]
    }
}

/// GlobalAveragePool and GlobalMaxPool: one value per channel.
public struct GlobalPoolOp: OperatorKind {
    public let name: String

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0)
        guard x.shape.count >= 3 else { throw context.fail("input \(x.shape) needs spatial dims") }
        return [ValueType(x.dtype, Array(x.shape[0..<2]) + Array(repeating: 1, count: x.shape.count - 2))]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let out = try infer(context)[0]
        let x = inputs[0]!
        let values = x.doubles
        let planes = out.count
        let size = planes == 0 ? 0 : values.count / planes
        let y = (0..<planes).map { plane -> Double in
            let slice = values[plane * size..<(plane + 1) * size]
            return name == "GlobalMaxPool" ? (slice.max() ?? 0) : Double(Float(slice.reduce(0, +) / Double(size)))
        }
        return [Tensor.from(y, shape: out.shape, dtype: x.dtype)]
    }
}
