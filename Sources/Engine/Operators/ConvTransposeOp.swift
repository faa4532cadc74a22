import EngineIR

/// ConvTranspose (NCHW): strides, dilations, pads / auto_pad, output_padding, output_shape,
/// groups, optional bias. Reference only (scatter form).
public struct ConvTransposeOp: OperatorKind {
    public let name = "ConvTranspose"

    public func unsupported(_ node: Node, opset: Int) -> [String] { ConvGeometry.checkAutoPad(node) }

    struct Shapes {
        var batch: Int, channels: Int, outChannels: Int, group: Int
        var kernel: [Int], strides: [Int], dilations: [Int], padsBegin: [Int], input: [Int], output: [Int]
    }

    func shapes(_ context: NodeContext) throws(EngineError) -> Shapes {
        let node = context.node
        let x = try context.type(0), w = try context.type(1)
        guard x.shape.count >= 3, w.shape.count == x.shape.count else { throw context.fail("bad input/weight ranks") }
        let rank = x.shape.count - 2
        let group = node.int("group") ?? 1
        guard group > 0, x.shape[1] == w.shape[0], x.shape[1] % group == 0 else { throw context.fail("group \(group) does not fit weight \(w.shape)") }
        let kernel = Array(w.shape[2...])
        let strides = node.ints("strides") ?? Array(repeating: 1, count: rank)
        let dilations = node.ints("dilations") ?? Array(repeating: 1, count: rank)
        let outputPadding = node.ints("output_padding") ?? Array(repeating: 0, count: rank)
        var pads = node.ints("pads") ?? Array(repeating: 0, count: 2 * rank)
        guard strides.count == rank, dilations.count == rank, outputPadding.count == rank, pads.count == 2 * rank,
            strides.allSatisfy({ $0 > 0 }), dilations.allSatisfy({ $0 > 0 })
        else { throw context.fail("strides/dilations/pads/output_padding do not match \(rank) spatial dims") }
        let input = Array(x.shape[2...])
        var output: [Int] = []
        let autoPad = node.string("auto_pad") ?? "NOTSET"
        for axis in 0..<rank {
            let extent = (kernel[axis] - 1) * dilations[axis] + 1
            let full = strides[axis] * (input[axis] - 1) + outputPadding[axis] + extent
            if let shape = node.ints("output_shape") {
                let target = shape.count == rank ? shape[axis] : shape[shape.count - rank + axis]
                let total = max(0, full - target)
                pads[axis] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2
                pads[axis + rank] = total - pads[axis]
                output.append(target)
            } else if autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER" {
                let target = input[axis] * strides[axis]
                let total = max(0, full - target)
                pads[axis] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2
                pads[axis + rank] = total - pads[axis]
                output.append(target)
            } else {
                if autoPad == "VALID" { pads[axis] = 0; pads[axis + rank] = 0 }
                output.append(full - pads[axis] - pads[axis + rank])
            }
        }
        guard output.allSatisfy({ $0 > 0 }) else { throw context.fail("output size \(output) is not positive") }
        return Shapes(batch: x.shape[0], channels: x.shape[1], outChannels: w.shape[1] * group, group: group, kernel: kernel,
                      strides: strides, dilations: dilations, padsBegin: Array(pads[0..<rank]), input: input, output: output)
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let s = try shapes(context)
        return [ValueType(.float32, [s.batch, s.outChannels] + s.output)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let s = try shapes(context)
        let x = inputs[0]!.floats, w = inputs[1]!.floats
        let bias = inputs.count > 2 ? inputs[2]?.floats : nil
        let inSpatial = s.input.reduce(1, *), outSpatial = s.output.reduce(1, *), kSpatial = s.kernel.reduce(1, *)
        let cPerGroup = s.channels / s.group, mPerGroup = s.outChannels / s.group
        var y = [Float](repeating: 0, count: s.batch * s.outChannels * outSpatial)
        let inStrides = rowMajorStrides(s.input), kStrides = rowMajorStrides(s.kernel), outStrides = rowMajorStrides(s.output)
        for n in 0..<s.batch {
            for c in 0..<s.channels {
                let group = c / cPerGroup
                for i in 0..<inSpatial {
                    let value = x[(n * s.channels + c) * inSpatial + i]
                    for m in 0..<mPerGroup {
                        let outChannel = group * mPerGroup + m
                        for k in 0..<kSpatial {
                            var offset = 0
                            var inside = true
                            for axis in 0..<s.kernel.count {
                                let ii = (i / inStrides[axis]) % s.input[axis]
                                let ki = (k / kStrides[axis]) % s.kernel[axis]
                                let oi = ii * s.strides[axis] + ki * s.dilations[axis] - s.padsBegin[axis]
                                if oi < 0 || oi >= s.output[axis] { inside = false; break }
                                offset += oi * outStrides[axis]
                            }
                            if inside {
                                y[(n * s.outChannels + outChannel) * outSpatial + offset] += value * w[(c * mPerGroup + m) * kSpatial + k]
                            }
                        }
                    }
                }
            }
            if let bias {
                for m in 0..<s.outChannels { for o in 0..<outSpatial { y[(n * s.outChannels + m) * outSpatial + o] += bias[m] } }
            }
        }
        return [Tensor(shape: [s.batch, s.outChannels] + s.output, floats: y)]
    }
}
