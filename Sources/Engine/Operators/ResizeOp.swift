import EngineIR

/// Resize (opset ≥ 11): modes nearest and linear (any rank, separable), scales or sizes,
/// coordinate_transformation_mode half_pixel / asymmetric / align_corners /
/// pytorch_half_pixel, nearest_mode round_prefer_floor / round_prefer_ceil / floor / ceil.
/// Cubic mode, antialias, axes and keep_aspect_ratio_policy are not supported.
public struct ResizeOp: OperatorKind {
    public let name = "Resize"
    static let transforms: Set<String> = ["half_pixel", "asymmetric", "align_corners", "pytorch_half_pixel"]

    public func unsupported(_ node: Node, opset: Int) -> [String] {
        var items: [String] = []
        let mode = node.string("mode") ?? "nearest"
        if !["nearest", "linear"].contains(mode) { items.append("node \(node.label): mode '\(mode)'") }
        let transform = node.string("coordinate_transformation_mode") ?? "half_pixel"
        if !Self.transforms.contains(transform) { items.append("node \(node.label): coordinate_transformation_mode '\(transform)'") }
        if (node.int("antialias") ?? 0) != 0 { items.append("node \(node.label): antialias") }
        if node.ints("axes") != nil { items.append("node \(node.label): axes") }
        if opset < 11 { items.append("node \(node.label): Resize before opset 11") }
        return items
    }

    func plan(_ context: NodeContext) throws(EngineError) -> (shape: [Int], scales: [Double]) {
        let x = try context.type(0)
        let rank = x.shape.count
        if context.hasInput(3) {
            let sizes = try context.constant(3, "sizes").ints
            guard sizes.count == rank, sizes.allSatisfy({ $0 > 0 }) else { throw context.fail("sizes \(sizes) do not fit rank \(rank)") }
            return (sizes, zip(sizes, x.shape).map { Double($0) / Double($1) })
        }
        let scales = try context.constant(2, "scales").doubles
        guard scales.count == rank, scales.allSatisfy({ $0 > 0 }) else { throw context.fail("scales \(scales) do not fit rank \(rank)") }
        return (zip(x.shape, scales).map { Int((Double($0) * $1).rounded(.down)) }, scales)
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        [ValueType(try context.type(0).dtype, try plan(context).shape)]
    }

    /// The input coordinate of output index `o` on an axis.
    static func source(_ o: Int, scale: Double, inSize: Int, outSize: Int, transform: String) -> Double {
        switch transform {
        case "asymmetric": return Double(o) / scale
        case "align_corners": return outSize == 1 ? 0 : Double(o) * Double(inSize - 1) / Double(outSize - 1)
        case "pytorch_half_pixel": return outSize > 1 ? (Double(o) + 0.5) / scale - 0.5 : 0
        default: return (Double(o) + 0.5) / scale - 0.5
        }
    }

    static func nearest(_ x: Double, mode: String) -> Int {
        switch mode {
        case "floor": return Int(x.rounded(.down))
        case "ceil": return Int(x.rounded(.up))
        case "round_prefer_ceil": return Int((x + 0.5).rounded(.down))
        default: return x == x.rounded(.down) + 0.5 ? Int(x.rounded(.down)) : Int(x.rounded())
        }
    }

    /// Per axis, for every output index: (low input index, high input index, weight of high).
    /// Nearest axes have weight 0 and low == high. The reference and the fast step share these.
    static func taps(_ node: Node, inShape: [Int], outShape: [Int], scales: [Double]) -> [[(Int, Int, Double)]] {
        let linear = (node.string("mode") ?? "nearest") == "linear"
        let transform = node.string("coordinate_transformation_mode") ?? "half_pixel"
        let nearestMode = node.string("nearest_mode") ?? "round_prefer_floor"
        return outShape.indices.map { axis in
            let inSize = inShape[axis]
            return (0..<outShape[axis]).map { o in
                var s = source(o, scale: scales[axis], inSize: inSize, outSize: outShape[axis], transform: transform)
                if !linear {
                    let i = min(max(nearest(s, mode: nearestMode), 0), inSize - 1)
                    return (i, i, 0)
                }
                s = min(max(s, 0), Double(inSize - 1))
                let low = Int(s.rounded(.down)), high = min(low + 1, inSize - 1)
                return (low, high, s - Double(low))
            }
        }
    }

    /// The scales a node resizes by: given, or from the sizes it asks for.
    static func scales(_ node: Node, inShape: [Int], outShape: [Int], constants: [String: Tensor]) -> [Double] {
        if node.inputs.count > 3, !node.inputs[3].isEmpty { return zip(outShape, inShape).map { Double($0) / Double($1) } }
        return constants[node.inputs[2]]?.doubles ?? []
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let x = inputs[0]!
        let (shape, scales) = try plan(context)
        let taps = Self.taps(context.node, inShape: x.shape, outShape: shape, scales: scales)
        let values = x.doubles
        let inStrides = rowMajorStrides(x.shape), outStrides = rowMajorStrides(shape)
        let count = shape.reduce(1, *)
        var y = [Double](repeating: 0, count: count)
        for flat in 0..<count {
            // Sum over the 2^rank corners (weights are 0/1 on nearest axes).
            var total = 0.0
            let axes = shape.count
            for corner in 0..<(1 << axes) {
                var weight = 1.0, offset = 0
                for axis in 0..<axes {
                    let (low, high, w) = taps[axis][(flat / outStrides[axis]) % shape[axis]]
                    let upper = (corner >> axis) & 1 == 1
                    if upper && w == 0 { weight = 0; break }
                    weight *= upper ? w : 1 - w
                    offset += (upper ? high : low) * inStrides[axis]
                }
                if weight != 0 { total += weight * values[offset] }
            }
            y[flat] = total
        }
        return [Tensor.from(y, shape: shape, dtype: x.dtype)]
    }
}
