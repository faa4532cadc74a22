import EngineIR
import Foundation

/// `QConv(x_q, W_q, bias_q, multiplier)` (domain ai.edgepilot), made by `FuseQDQConv` from
/// DequantizeLinear → Conv (→ Relu) → QuantizeLinear: uint8 activations, per-channel int8
/// weights, int32 accumulation, fp32 requantization — the integer arithmetic the kernels run:
///   acc = bias_q[m] + Σ W_q·x_q   (padding taps read x_zero; bias_q already holds −x_zero·ΣW_q)
///   y_q = clamp(round_half_even(acc · multiplier[m]) + y_zero, y_min, y_max)
/// Conv attributes are kept; `x_zero`, `y_zero`, `y_min`, `y_max` are int attributes.
struct QConvOp: OperatorKind {
    let name = "QConv"

    func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let s = try ConvOp().shapes(context)
        return [ValueType(.uint8, [s.batch, s.outChannels] + s.geometry.output)]
    }

    func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let s = try ConvOp().shapes(context)
        let node = context.node
        let x = inputs[0]!.ints, w = inputs[1]!.ints, bias = inputs[2]!.ints, multiplier = inputs[3]!.floats
        let xZero = node.int("x_zero") ?? 0, yZero = node.int("y_zero") ?? 0
        let yMin = node.int("y_min") ?? 0, yMax = node.int("y_max") ?? 255
        let g = s.geometry
        let inSpatial = g.input.reduce(1, *), outSpatial = g.output.reduce(1, *), kSpatial = g.kernel.reduce(1, *)
        let cPerGroup = s.channels / s.group, mPerGroup = s.outChannels / s.group
        let taps = g.tapOffsets()
        var y = [Double](repeating: 0, count: s.batch * s.outChannels * outSpatial)
        for n in 0..<s.batch {
            for m in 0..<s.outChannels {
                let group = m / mPerGroup
                for o in 0..<outSpatial {
                    var acc = bias[m]
                    for c in 0..<cPerGroup {
                        for k in 0..<kSpatial {
                            let offset = taps[k * outSpatial + o]
                            let xv = offset >= 0 ? x[(n * s.channels + group * cPerGroup + c) * inSpatial + offset] : xZero
                            acc += w[(m * cPerGroup + c) * kSpatial + k] * xv
                        }
                    }
                    let scaled = (Float(acc) * multiplier[m]).rounded(.toNearestOrEven)
                    y[(n * s.outChannels + m) * outSpatial + o] = Double(min(max(Int(scaled) + yZero, yMin), yMax))
                }
            }
        }
        return [Tensor.from(y, shape: [s.batch, s.outChannels] + g.output, dtype: .uint8)]
    }
}
