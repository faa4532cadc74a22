import EngineIR
import Foundation

/// ReduceMean, ReduceSum, ReduceMax, ReduceMin, ReduceProd, ReduceL1, ReduceL2, ReduceLogSum,
/// ReduceLogSumExp, ReduceSumSquare: axes from the attribute, or the input (ReduceSum from
/// opset 13, the others from 18); keepdims; noop_with_empty_axes.
public struct ReduceOp: OperatorKind {
    public let name: String
    public static let all = Kind.allCases.map { ReduceOp(name: $0.rawValue) }

    /// How one reduction folds its values, shared by the reference and the compiled step.
    public enum Kind: String, Sendable, CaseIterable {
        case mean = "ReduceMean", sum = "ReduceSum", max = "ReduceMax", min = "ReduceMin", prod = "ReduceProd", l1 = "ReduceL1"
        case l2 = "ReduceL2", logSum = "ReduceLogSum", logSumExp = "ReduceLogSumExp", sumSquare = "ReduceSumSquare"

        var initial: Double {
            switch self {
            case .max, .logSumExp: -.infinity
            case .min: .infinity
            case .prod: 1
            default: 0
            }
        }

        func add(_ acc: Double, _ x: Double) -> Double {
            switch self {
            case .max: Swift.max(acc, x)
            case .min: Swift.min(acc, x)
            case .prod: acc * x
            case .l1: acc + abs(x)
            case .l2, .sumSquare: acc + x * x
            // log(e^acc + e^x) without overflow.
            case .logSumExp: acc == -.infinity ? x : Swift.max(acc, x) + log1p(exp(-abs(acc - x)))
            default: acc + x
            }
        }

        func finish(_ acc: Double, count: Int) -> Double {
            switch self {
            case .mean: acc / Double(Swift.max(1, count))
            case .l2: acc.squareRoot()
            case .logSum: log(acc)
            default: acc
            }
        }
    }

    func axes(_ context: NodeContext, rank: Int) throws(EngineError) -> [Int] {
        let fromInput = name == "ReduceSum" ? context.opset >= 13 : context.opset >= 18
        let raw: [Int]?
        if fromInput {
            raw = context.hasInput(1) ? try context.constant(1, "axes").ints : nil
        } else {
            raw = context.node.ints("axes")
        }
        guard let raw, !raw.isEmpty else {
            return (context.node.int("noop_with_empty_axes") ?? 0) != 0 ? [] : Array(0..<rank)
        }
        var result: [Int] = []
        for a in raw {
            guard let axis = normalizedAxis(a, rank: rank) else { throw context.fail("axis \(a) out of range") }
            result.append(axis)
        }
        return Array(Set(result)).sorted()
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0)
        let axes = Set(try axes(context, rank: x.shape.count))
        let keep = (context.node.int("keepdims") ?? 1) != 0
        let shape = x.shape.indices.compactMap { axes.contains($0) ? (keep ? 1 : nil) : x.shape[$0] }
        return [ValueType(x.dtype, shape)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let x = inputs[0]!
        let out = try infer(context)[0]
        let axes = Set(try axes(context, rank: x.shape.count))
        let keptShape = x.shape.indices.map { axes.contains($0) ? 1 : x.shape[$0] }
        let index = Broadcast.indices(keptShape, to: x.shape)  // output slot of each input element
        let count = x.count / max(1, out.count)
        let kind = Kind(rawValue: name)!
        var acc = [Double](repeating: kind.initial, count: out.count)
        let values = x.doubles
        for i in values.indices { acc[index[i]] = kind.add(acc[index[i]], values[i]) }
        return [Tensor.from(acc.map { kind.finish($0, count: count) }, shape: out.shape, dtype: x.dtype)]
    }
}
