import EngineIR
import Foundation

/// Elementwise operators of two inputs with multidirectional broadcasting: Add, Sub, Mul, Div,
/// Pow; Max, Min, Sum, Mean with any number of inputs. Integer Div truncates toward zero.
public struct BinaryOp: OperatorKind {
    public let name: String
    let variadic: Bool
    let function: @Sendable (Double, Double, Bool) -> Double

    public static let all: [BinaryOp] = [
        BinaryOp(name: "Add", variadic: false) { a, b, _ in a + b },
        BinaryOp(name: "Sub", variadic: false) { a, b, _ in a - b },
        BinaryOp(name: "Mul", variadic: false) { a, b, _ in a * b },
        BinaryOp(name: "Div", variadic: false) { a, b, integer in
            integer ? (b == 0 ? 0 : (a / b).rounded(.towardZero)) : a / b
        },
        BinaryOp(name: "Pow", variadic: false) { a, b, _ in pow(a, b) },
        BinaryOp(name: "Max", variadic: true) { a, b, _ in a.isNaN || b.isNaN ? .nan : max(a, b) },
        BinaryOp(name: "Min", variadic: true) { a, b, _ in a.isNaN || b.isNaN ? .nan : min(a, b) },
        BinaryOp(name: "Sum", variadic: true) { a, b, _ in a + b },
        BinaryOp(name: "Mean", variadic: true) { a, b, _ in a + b },
    ]

    public func unsupported(_ node: Node, opset: Int) -> [String] {
        if !variadic && node.int("broadcast") != nil && opset < 7 { return ["node \(node.label): legacy broadcast attribute"] }
        return []
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let types = try (0..<context.node.inputs.count).map { index throws(EngineError) in try context.type(index) }
        guard let first = types.first else { throw context.fail("needs inputs") }
        guard let shape = Broadcast.shape(types.map(\.shape)) else {
            throw context.fail("shapes \(types.map(\.shape)) do not broadcast")
        }
        // Pow's exponent may have another type; the result has the base's type.
        if name != "Pow", let other = types.first(where: { $0.dtype != first.dtype }) {
            throw context.fail("mixes \(first.dtype) and \(other.dtype)")
        }
        return [ValueType(first.dtype, shape)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let tensors = inputs.compactMap { $0 }
        let out = try infer(context)[0]
        let integer = ![.float32, .float64].contains(out.dtype)
        var result = tensors[0].doubles
        var shape = tensors[0].shape
        if result.count != out.count {
            result = Broadcast.indices(shape, to: out.shape).map { result[$0] }
            shape = out.shape
        }
        for tensor in tensors.dropFirst() {
            let values = tensor.doubles
            let index = Broadcast.indices(tensor.shape, to: out.shape)
            if out.dtype == .float32 {
                for i in result.indices { result[i] = Double(Float(function(Double(Float(result[i])), values[index[i]], false))) }
            } else {
                for i in result.indices { result[i] = function(result[i], values[index[i]], integer) }
            }
        }
        if name == "Mean" { result = result.map { $0 / Double(tensors.count) } }
        return [Tensor.from(result, shape: out.shape, dtype: out.dtype)]
    }
}
