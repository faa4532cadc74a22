import EngineIR
import Foundation

/// Elementwise operators of one input: Relu, Sigmoid, Tanh, LeakyRelu, HardSigmoid,
/// HardSwish, Sqrt, Erf, Exp, Log, Abs, Neg, Reciprocal, Floor, Ceil, Round, Elu, Selu, Celu,
/// Softplus, Softsign, ThresholdedRelu, Sign, Shrink. Float inputs only (Abs, Neg, Sign and
/// Shrink also integers), as ONNX defines them.
public struct UnaryOp: OperatorKind {
    public let name: String
    let floatOnly: Bool
    /// The reference: computed in Double, rounded once.
    let function: @Sendable (Node, Double) -> Double
    /// The float32 loop the compiled step runs, where there is one (Relu, Clip, HardSigmoid and
    /// HardSwish use the epilogue kernel instead).
    var kernel: (@Sendable (Node) -> @Sendable (Float) -> Float)? = nil

    public static let all: [UnaryOp] = [
        UnaryOp(name: "Relu", floatOnly: false) { _, x in x < 0 ? 0 : x },
        UnaryOp(name: "Sigmoid", floatOnly: true, function: { _, x in 1 / (1 + exp(-x)) }, kernel: { _ in { 1 / (1 + expf(-$0)) } }),
        UnaryOp(name: "Tanh", floatOnly: true, function: { _, x in tanh(x) }, kernel: { _ in { tanhf($0) } }),
        UnaryOp(
            name: "LeakyRelu", floatOnly: true, function: { node, x in x < 0 ? Double(node.float("alpha") ?? 0.01) * x : x },
            kernel: { node in
                let alpha = node.float("alpha") ?? 0.01
                return { $0 < 0 ? alpha * $0 : $0 }
            }),
        UnaryOp(name: "HardSigmoid", floatOnly: true) { node, x in
            max(0, min(1, Double(node.float("alpha") ?? 0.2) * x + Double(node.float("beta") ?? 0.5)))
        },
        UnaryOp(name: "HardSwish", floatOnly: true) { _, x in x * max(0, min(1, x / 6 + 0.5)) },
        UnaryOp(name: "Sqrt", floatOnly: true, function: { _, x in x.squareRoot() }, kernel: { _ in { $0.squareRoot() } }),
        UnaryOp(name: "Erf", floatOnly: true, function: { _, x in erf(x) }, kernel: { _ in { erff($0) } }),
        UnaryOp(name: "Exp", floatOnly: true, function: { _, x in exp(x) }, kernel: { _ in { expf($0) } }),
        UnaryOp(name: "Log", floatOnly: true, function: { _, x in log(x) }, kernel: { _ in { logf($0) } }),
        UnaryOp(name: "Abs", floatOnly: false, function: { _, x in abs(x) }, kernel: { _ in { abs($0) } }),
        UnaryOp(name: "Neg", floatOnly: false, function: { _, x in -x }, kernel: { _ in { -$0 } }),
        UnaryOp(name: "Reciprocal", floatOnly: true, function: { _, x in 1 / x }, kernel: { _ in { 1 / $0 } }),
        UnaryOp(name: "Floor", floatOnly: true, function: { _, x in x.rounded(.down) }, kernel: { _ in { $0.rounded(.down) } }),
        UnaryOp(name: "Ceil", floatOnly: true, function: { _, x in x.rounded(.up) }, kernel: { _ in { $0.rounded(.up) } }),
        UnaryOp(name: "Round", floatOnly: true, function: { _, x in x.rounded(.toNearestOrEven) }, kernel: { _ in { $0.rounded(.toNearestOrEven) } }),
        UnaryOp(
            name: "Elu", floatOnly: true, function: { node, x in x < 0 ? Double(node.float("alpha") ?? 1) * (exp(x) - 1) : x },
            kernel: { node in
                let alpha = node.float("alpha") ?? 1
                return { $0 < 0 ? alpha * expm1f($0) : $0 }
            }),
        UnaryOp(
            name: "Selu", floatOnly: true,
            function: { node, x in
                let alpha = Double(node.float("alpha") ?? 1.67326319217681884765625), gamma = Double(node.float("gamma") ?? 1.05070102214813232421875)
                return x > 0 ? gamma * x : gamma * alpha * (exp(x) - 1)
            },
            kernel: { node in
                let alpha = node.float("alpha") ?? 1.67326319217681884765625, gamma = node.float("gamma") ?? 1.05070102214813232421875
                return { $0 > 0 ? gamma * $0 : gamma * alpha * expm1f($0) }
            }),
        UnaryOp(
            name: "Celu", floatOnly: true,
            function: { node, x in
                let alpha = Double(node.float("alpha") ?? 1)
                return max(0, x) + min(0, alpha * (exp(x / alpha) - 1))
            },
            kernel: { node in
                let alpha = node.float("alpha") ?? 1
                return { max(0, $0) + min(0, alpha * expm1f($0 / alpha)) }
            }),
        // log(1 + e^x); past 20, e^x swamps the 1 in float and x is the answer (e^x would overflow past 88).
        UnaryOp(name: "Softplus", floatOnly: true, function: { _, x in x > 30 ? x : log1p(exp(x)) },
                kernel: { _ in { $0 > 20 ? $0 : log1pf(expf($0)) } }),
        UnaryOp(name: "Softsign", floatOnly: true, function: { _, x in x / (1 + abs(x)) }, kernel: { _ in { $0 / (1 + abs($0)) } }),
        UnaryOp(
            name: "ThresholdedRelu", floatOnly: true, function: { node, x in x > Double(node.float("alpha") ?? 1) ? x : 0 },
            kernel: { node in
                let alpha = node.float("alpha") ?? 1
                return { $0 > alpha ? $0 : 0 }
            }),
        UnaryOp(name: "Sign", floatOnly: false, function: { _, x in x > 0 ? 1 : (x < 0 ? -1 : 0) }, kernel: { _ in { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } }),
        UnaryOp(
            name: "Shrink", floatOnly: false,
            function: { node, x in
                let bias = Double(node.float("bias") ?? 0), lambd = Double(node.float("lambd") ?? 0.5)
                return x < -lambd ? x + bias : (x > lambd ? x - bias : 0)
            },
            kernel: { node in
                let bias = node.float("bias") ?? 0, lambd = node.float("lambd") ?? 0.5
                return { $0 < -lambd ? $0 + bias : ($0 > lambd ? $0 - bias : 0) }
            }),
    ]

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let input = try context.type(0)
        if floatOnly && input.dtype != .float32 && input.dtype != .float64 {
            throw EngineError(.unsupported, "node \(context.node.label): \(name) of \(input.dtype)")
        }
        return [input]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let x = inputs[0]!
        if case .float32(let values) = x.storage {
            // Compute in Double, round once: float results equal a float kernel's within 1 ulp.
            return [Tensor(shape: x.shape, floats: values.map { Float(function(context.node, Double($0))) })]
        }
        return [Tensor.from(x.doubles.map { function(context.node, $0) }, shape: x.shape, dtype: x.dtype)]
    }
}
