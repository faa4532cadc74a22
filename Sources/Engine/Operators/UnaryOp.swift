import EngineIR
import Foundation

/// Elementwise operators of one input: Relu, Sigmoid, Tanh, LeakyRelu, HardSigmoid,
/// HardSwish, Sqrt, Erf, Exp, Log, Abs, Neg, Reciprocal, Floor, Ceil. Float inputs only
/// (Abs and Neg also integers), as ONNX defines them.
public struct UnaryOp: OperatorKind {
    public let name: String
    let floatOnly: Bool
    let function: @Sendable (Node, Double) -> Double

    public static let all: [UnaryOp] = [
        UnaryOp(name: "Relu", floatOnly: false) { _, x in x < 0 ? 0 : x },
        UnaryOp(name: "Sigmoid", floatOnly: true) { _, x in 1 / (1 + exp(-x)) },
        UnaryOp(name: "Tanh", floatOnly: true) { _, x in tanh(x) },
        UnaryOp(name: "LeakyRelu", floatOnly: true) { node, x in x < 0 ? Double(node.float("alpha") ?? 0.01) * x : x },
        UnaryOp(name: "HardSigmoid", floatOnly: true) { node, x in
            max(0, min(1, Double(node.float("alpha") ?? 0.2) * x + Double(node.float("beta") ?? 0.5)))
        },
        UnaryOp(name: "HardSwish", floatOnly: true) { _, x in x * max(0, min(1, x / 6 + 0.5)) },
        UnaryOp(name: "Sqrt", floatOnly: true) { _, x in x.squareRoot() },
        UnaryOp(name: "Erf", floatOnly: true) { _, x in erf(x) },
        UnaryOp(name: "Exp", floatOnly: true) { _, x in exp(x) },
        UnaryOp(name: "Log", floatOnly: true) { _, x in log(x) },
        UnaryOp(name: "Abs", floatOnly: false) { _, x in abs(x) },
        UnaryOp(name: "Neg", floatOnly: false) { _, x in -x },
        UnaryOp(name: "Reciprocal", floatOnly: true) { _, x in 1 / x },
        UnaryOp(name: "Floor", floatOnly: true) { _, x in x.rounded(.down) },
        UnaryOp(name: "Ceil", floatOnly: true) { _, x in x.rounded(.up) },
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
