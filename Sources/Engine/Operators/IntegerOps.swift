import EngineIR

/// The operators of dynamically quantized models (ONNX Runtime's `quantize_dynamic`):
/// DynamicQuantizeLinear, ConvInteger and MatMulInteger, exact integer semantics. They run as
/// reference steps: correct, not fast — BASELINE.md shows why dynamic quantization is a trap
/// for CNNs, and `edgepilot quantize` builds static INT8 instead.

/// DynamicQuantizeLinear (opset 11): uint8 with a per-tensor scale and zero point from the
/// tensor's own range, which always includes 0.
public struct DynamicQuantizeLinearOp: OperatorKind {
    public let name = "DynamicQuantizeLinear"

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0)
        guard x.dtype == .float32 else { throw EngineError(.unsupported, "node \(context.node.label): input is \(x.dtype), not float32") }
        return [ValueType(.uint8, x.shape), ValueType(.float32, []), ValueType(.uint8, [])]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let x = inputs[0]!
        let values = x.floats
        // The range ignores NaN; a NaN element (or an infinite range) quantizes to the zero point.
        let finite = values.filter(\.isFinite)
        let low = min(0, finite.min() ?? 0), high = max(0, finite.max() ?? 0)
        let scale = (high - low) / 255
        let zero = scale > 0 ? min(max((-low / scale).rounded(.toNearestOrEven), 0), 255) : 0
        let q = values.map { v -> UInt8 in
            let r = (v / scale).rounded(.toNearestOrEven) + zero
            return r.isNaN || scale == 0 ? UInt8(zero) : UInt8(min(max(r, 0), 255))
        }
        return [Tensor(shape: x.shape, storage: .uint8(q)), Tensor(shape: [], floats: [scale]),
                Tensor(shape: [], storage: .uint8([UInt8(zero)]))]
    }
}

/// Zero points of an integer op's operand: one value, or one per `count` slices.
private func zeroPoints(_ tensor: Tensor?, count: Int, _ context: NodeContext, _ what: String) throws(EngineError) -> [Int32] {
    guard let tensor else { return [0] }
    guard tensor.count == 1 || tensor.count == count else {
        throw context.fail("\(what) zero point has \(tensor.count) values; expected 1 or \(count)")
    }
    return tensor.ints.map { Int32($0) }
}

/// Operand types, and constant zero points' lengths (`counts`: allowed per-slice lengths of inputs 2 and 3).
private func checkIntegerInputs(_ context: NodeContext, counts: [Int]) throws(EngineError) {
    for index in 0..<2 {
        if index + 2 < context.constants.count, let zero = context.constants[index + 2] {
            _ = try zeroPoints(zero, count: counts[index], context, index == 0 ? "input 0" : "input 1")
        }
        let dtype = try context.type(index).dtype
        guard dtype == .uint8 || dtype == .int8 else {
            throw EngineError(.unsupported, "node \(context.node.label): input \(index) is \(dtype); expected uint8 or int8")
        }
        if context.hasInput(index + 2), try context.type(index + 2).dtype != dtype {
            throw EngineError(.invalidModel, "node \(context.node.label): zero point \(index + 2) is \(try context.type(index + 2).dtype), input is \(dtype)")
        }
    }
}

/// ConvInteger: int32 = Σ (x − x_zero)·(w − w_zero), Conv attributes; padding reads x_zero.
/// w_zero is one value or one per output channel.
public struct ConvIntegerOp: OperatorKind {
    public let name = "ConvInteger"

    public func unsupported(_ node: Node, opset: Int) -> [String] { ConvGeometry.checkAutoPad(node) }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let s = try ConvOp().shapes(context, hasBias: false)
        try checkIntegerInputs(context, counts: [1, s.outChannels])
        return [ValueType(.int32, [s.batch, s.outChannels] + s.geometry.output)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let s = try ConvOp().shapes(context, hasBias: false)
        let g = s.geometry
        let xZero = try zeroPoints(inputs.count > 2 ? inputs[2] : nil, count: 1, context, "x")[0]
        let wZeros = try zeroPoints(inputs.count > 3 ? inputs[3] : nil, count: s.outChannels, context, "w")
        let x = inputs[0]!.ints.map { Int32($0) - xZero }, w = inputs[1]!.ints.map(Int32.init)
        let inSpatial = g.input.reduce(1, *), outSpatial = g.output.reduce(1, *), kSpatial = g.kernel.reduce(1, *)
        let cPerGroup = s.channels / s.group, mPerGroup = s.outChannels / s.group, k = cPerGroup * kSpatial
        let taps = g.tapOffsets()
        var y = [Int32](repeating: 0, count: s.batch * s.outChannels * outSpatial)
        var columns = [Int32](repeating: 0, count: k * outSpatial)
        for n in 0..<s.batch {
            for group in 0..<s.group {
                for c in 0..<cPerGroup {
                    let plane = (n * s.channels + group * cPerGroup + c) * inSpatial
                    for tap in 0..<kSpatial {
                        let row = (c * kSpatial + tap) * outSpatial
                        for o in 0..<outSpatial {
                            let offset = taps[tap * outSpatial + o]
                            columns[row + o] = offset < 0 ? 0 : x[plane + offset]
                        }
                    }
                }
                y.withUnsafeMutableBufferPointer { yp in
                    columns.withUnsafeBufferPointer { cp in
                        for mm in 0..<mPerGroup {
                            let m = group * mPerGroup + mm
                            let wZero = wZeros[wZeros.count == 1 ? 0 : m]
                            let out = yp.baseAddress! + (n * s.outChannels + m) * outSpatial
                            for kk in 0..<k {
                                let weight = w[m * k + kk] - wZero
                                if weight == 0 { continue }
                                let column = cp.baseAddress! + kk * outSpatial
                                for o in 0..<outSpatial { out[o] &+= weight &* column[o] }
                            }
                        }
                    }
                }
            }
        }
        return [Tensor(shape: [s.batch, s.outChannels] + g.output, storage: .int32(y))]
    }
}

/// MatMulInteger: int32 = (A − a_zero)·(B − b_zero) with MatMul broadcasting; a_zero is one
/// value or one per row of A, b_zero one value or one per column of B.
public struct MatMulIntegerOp: OperatorKind {
    public let name = "MatMulInteger"

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let d = try MatMulOp().dims(context)
        try checkIntegerInputs(context, counts: [d.m, d.n])
        return [ValueType(.int32, d.out)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let d = try MatMulOp().dims(context)
        let aZeros = try zeroPoints(inputs.count > 2 ? inputs[2] : nil, count: d.m, context, "A")
        let bZeros = try zeroPoints(inputs.count > 3 ? inputs[3] : nil, count: d.n, context, "B")
        let a = inputs[0]!.ints.map(Int32.init), b = inputs[1]!.ints.map(Int32.init)
        let batches = d.batch.reduce(1, *)
        let aIndex = Broadcast.indices(Array(d.aShape.dropLast(2)), to: d.batch)
        let bIndex = Broadcast.indices(Array(d.bShape.dropLast(2)), to: d.batch)
        var y = [Int32](repeating: 0, count: batches * d.m * d.n)
        for batch in 0..<batches {
            let aBase = aIndex[batch] * d.m * d.k, bBase = bIndex[batch] * d.k * d.n, yBase = batch * d.m * d.n
            for i in 0..<d.m {
                let aZero = aZeros[aZeros.count == 1 ? 0 : i]
                for p in 0..<d.k {
                    let left = a[aBase + i * d.k + p] - aZero
                    if left == 0 { continue }
                    for j in 0..<d.n { y[yBase + i * d.n + j] &+= left &* (b[bBase + p * d.n + j] - bZeros[bZeros.count == 1 ? 0 : j]) }
                }
            }
        }
        return [Tensor(shape: d.out, storage: .int32(y))]
    }
}
