import EngineIR

/// Conv (NCHW, any number of spatial dims in the reference; 1-D/2-D compiled): grouped and
/// depthwise, strides, dilations, pads / auto_pad, optional bias.
public struct ConvOp: OperatorKind {
    public let name = "Conv"

    public func unsupported(_ node: Node, opset: Int) -> [String] { ConvGeometry.checkAutoPad(node) }

    struct Shapes {
        var batch: Int, channels: Int, outChannels: Int, group: Int
        var geometry: ConvGeometry
    }

    func shapes(_ context: NodeContext, hasBias: Bool = true) throws(EngineError) -> Shapes {
        let x = try context.type(0), w = try context.type(1)
        guard x.shape.count >= 3, w.shape.count == x.shape.count else {
            throw context.fail("input \(x.shape) and weight \(w.shape) must be N×C×spatial and M×C/group×kernel")
        }
        let group = context.node.int("group") ?? 1
        guard group > 0, x.shape[1] % group == 0, w.shape[0] % group == 0, w.shape[1] * group == x.shape[1] else {
            throw context.fail("group \(group) does not divide input \(x.shape) and weight \(w.shape)")
        }
        let kernel = Array(w.shape[2...])
        if let declared = context.node.ints("kernel_shape"), declared != kernel {
            throw context.fail("kernel_shape \(declared) differs from the weight's \(kernel)")
        }
        let geometry = try ConvGeometry.make(context.node, spatial: Array(x.shape[2...]), kernel: kernel)
        if hasBias, context.hasInput(2), try context.type(2).shape != [w.shape[0]] {
            throw context.fail("bias must have \(w.shape[0]) elements")
        }
        return Shapes(batch: x.shape[0], channels: x.shape[1], outChannels: w.shape[0], group: group, geometry: geometry)
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let s = try shapes(context)
        guard try context.type(0).dtype == .float32 else { throw EngineError(.unsupported, "node \(context.node.label): Conv of \(try context.type(0).dtype)") }
        return [ValueType(.float32, [s.batch, s.outChannels] + s.geometry.output)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let s = try shapes(context)
        let x = inputs[0]!.floats, w = inputs[1]!.floats
        let bias = inputs.count > 2 ? inputs[2]?.floats : nil
        let g = s.geometry
        let inSpatial = g.input.reduce(1, *), outSpatial = g.output.reduce(1, *), kSpatial = g.kernel.reduce(1, *)
        let cPerGroup = s.channels / s.group, mPerGroup = s.outChannels / s.group
        var y = [Float](repeating: 0, count: s.batch * s.outChannels * outSpatial)
        let outStrides = rowMajorStrides(g.output), kStrides = rowMajorStrides(g.kernel), inStrides = rowMajorStrides(g.input)
        for n in 0..<s.batch {
            for m in 0..<s.outChannels {
                let group = m / mPerGroup
                for o in 0..<outSpatial {
                    var acc: Float = bias?[m] ?? 0
                    for c in 0..<cPerGroup {
                        let channel = group * cPerGroup + c
                        for k in 0..<kSpatial {
                            var offset = 0
                            var inside = true
                            for axis in 0..<g.kernel.count {
                                let oi = (o / outStrides[axis]) % g.output[axis]
                                let ki = (k / kStrides[axis]) % g.kernel[axis]
                                let ii = oi * g.strides[axis] - g.padsBegin[axis] + ki * g.dilations[axis]
                                if ii < 0 || ii >= g.input[axis] { inside = false; break }
                                offset += ii * inStrides[axis]
                            }
                            if inside {
                                acc += x[(n * s.channels + channel) * inSpatial + offset] * w[(m * cPerGroup + c) * kSpatial + k]
                            }
                        }
                    }
                    y[(n * s.outChannels + m) * outSpatial + o] = acc
                }
            }
        }
        return [Tensor(shape: [s.batch, s.outChannels] + g.output, floats: y)]
    }
}
