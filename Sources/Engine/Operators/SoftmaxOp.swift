import EngineIR
import Foundation

/// Softmax, LogSoftmax and Hardmax (1 at the first maximum, 0 elsewhere) over one axis
/// (opset ≥ 13), or over the flattened trailing axes from `axis` (opset < 13, axis default 1).
public struct SoftmaxOp: OperatorKind {
    public enum Mode: String, Sendable { case softmax = "Softmax", logSoftmax = "LogSoftmax", hardmax = "Hardmax" }
    public let mode: Mode
    public var name: String { mode.rawValue }
    public static let all = [SoftmaxOp(mode: .softmax), SoftmaxOp(mode: .logSoftmax), SoftmaxOp(mode: .hardmax)]

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] { [try context.type(0)] }

    /// (outer, extent, inner) of the reduction.
    static func layout(_ shape: [Int], node: Node, opset: Int) -> (Int, Int, Int)? {
        let rank = shape.count
        if opset >= 13 {
            guard let axis = normalizedAxis(node.int("axis") ?? -1, rank: rank) else { return nil }
            return (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
        }
        let raw = node.int("axis") ?? 1
        let axis = raw < 0 ? raw + rank : raw
        guard axis >= 0, axis <= rank else { return nil }
        return (shape[..<axis].reduce(1, *), shape[axis...].reduce(1, *), 1)
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let x = inputs[0]!
        guard let (outer, extent, inner) = Self.layout(x.shape, node: context.node, opset: context.opset) else { throw context.fail("axis out of range") }
        let v = x.doubles
        var y = v
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * extent * inner + i
                var peak = -Double.infinity, first = 0
                for e in 0..<extent where v[base + e * inner] > peak || e == 0 {
                    peak = v[base + e * inner]
                    first = e
                }
                if mode == .hardmax {
                    for e in 0..<extent { y[base + e * inner] = e == first ? 1 : 0 }
                    continue
                }
                var sum = 0.0
                for e in 0..<extent { let t = exp(v[base + e * inner] - peak); y[base + e * inner] = t; sum += t }
                for e in 0..<extent {
                    y[base + e * inner] = mode == .softmax ? y[base + e * inner] / sum : v[base + e * inner] - peak - log(sum)
                }
            }
        }
        return [Tensor.from(y, shape: x.shape, dtype: x.dtype)]
    }
}
