import EngineIR
import Foundation

/// LRN (across channels) and MeanVarianceNormalization. One float implementation each, run by
/// the compiled step on the arena and by the reference on the tensor's values; the ONNX node
/// tests check it against ONNX's own outputs.
public struct LRNOp: OperatorKind {
    public let name = "LRN"

    struct Parameters { var size: Int; var alpha: Float; var beta: Float; var bias: Float }

    static func parameters(_ node: Node) -> Parameters? {
        guard let size = node.int("size"), size > 0 else { return nil }
        return Parameters(size: size, alpha: node.float("alpha") ?? 1e-4, beta: node.float("beta") ?? 0.75, bias: node.float("bias") ?? 1)
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0)
        guard x.dtype == .float32, x.shape.count >= 3 else { throw context.fail("float input of rank ≥ 3 (N, C, …) expected") }
        guard Self.parameters(context.node) != nil else { throw context.fail("size missing or not positive") }
        return [x]
    }

    /// y = x / (bias + α/size · Σ x²)^β, the sum over channels [c − ⌊(size−1)/2⌋, c + ⌈(size−1)/2⌉].
    static func compute(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, shape: [Int], _ p: Parameters) {
        let batch = shape[0], channels = shape[1], plane = shape[2...].reduce(1, *)
        let before = (p.size - 1) / 2, after = p.size - 1 - before
        let scale = p.alpha / Float(p.size)
        var sums = [Float](repeating: 0, count: plane)
        for n in 0..<batch {
            let image = x + n * channels * plane, out = y + n * channels * plane
            for c in 0..<channels {
                for i in 0..<plane { sums[i] = 0 }
                for source in max(0, c - before)...min(channels - 1, c + after) {
                    let row = image + source * plane
                    for i in 0..<plane { sums[i] += row[i] * row[i] }
                }
                for i in 0..<plane { out[c * plane + i] = image[c * plane + i] / powf(p.bias + scale * sums[i], p.beta) }
            }
        }
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let x = inputs[0]!, values = x.floats
        var y = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { v in y.withUnsafeMutableBufferPointer { Self.compute(v.baseAddress!, $0.baseAddress!, shape: x.shape, Self.parameters(context.node)!) } }
        return [Tensor(shape: x.shape, floats: y)]
    }
}

public struct MeanVarianceNormalizationOp: OperatorKind {
    public let name = "MeanVarianceNormalization"

    /// For each input element, the index of its (mean, variance) slot: the axes (default N, H,
    /// W) collapse to one.
    static func slots(_ node: Node, shape: [Int]) -> (index: [Int], count: Int)? {
        var kept = shape
        for raw in node.ints("axes") ?? [0, 2, 3] {
            guard let axis = normalizedAxis(raw, rank: shape.count) else { return nil }
            kept[axis] = 1
        }
        return (Broadcast.indices(kept, to: shape), kept.reduce(1, *))
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0)
        guard x.dtype == .float32 else { throw context.fail("float input expected") }
        guard Self.slots(context.node, shape: x.shape) != nil else { throw context.fail("axes out of range for rank \(x.shape.count)") }
        return [x]
    }

    /// (x − E[x]) / (√(E[x²] − E[x]²) + 1e-9), as ONNX's function body computes it.
    static func compute(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, index: [Int], slots: Int) {
        var sum = [Double](repeating: 0, count: slots), squares = sum
        for i in 0..<count {
            sum[index[i]] += Double(x[i])
            squares[index[i]] += Double(x[i]) * Double(x[i])
        }
        let per = Double(count / max(1, slots))
        let mean = sum.map { $0 / per }
        let deviation = zip(squares, mean).map { Swift.max(0, $0 / per - $1 * $1).squareRoot() + 1e-9 }
        for i in 0..<count { y[i] = Float((Double(x[i]) - mean[index[i]]) / deviation[index[i]]) }
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let x = inputs[0]!, values = x.floats
        guard let (index, slots) = Self.slots(context.node, shape: x.shape) else { throw context.fail("axes out of range") }
        var y = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { v in
            y.withUnsafeMutableBufferPointer { Self.compute(v.baseAddress!, $0.baseAddress!, count: values.count, index: index, slots: slots) }
        }
        return [Tensor(shape: x.shape, floats: y)]
    }
}
