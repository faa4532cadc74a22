import CEngineKernels
import EngineIR
import Foundation

/// The activation a fused op applies in its epilogue; mirrors the C `ep_activation`.
public struct Activation: Sendable, Equatable {
    public enum Kind: Int32, Sendable { case linear = 0, clamp = 1, hardSigmoid = 2, hardSwish = 3, swish = 4 }
    public var kind: Kind
    public var min: Float = -.infinity
    public var max: Float = .infinity
    public var alpha: Float = 0
    public var beta: Float = 0
    /// Applied after the activation: y·scale + shift (a scalar Mul/Add that followed it).
    public var scale: Float = 1
    public var shift: Float = 0

    public var isAffine: Bool { scale != 1 || shift != 0 }

    public static let linear = Activation(kind: .linear)
    public static let relu = Activation(kind: .clamp, min: 0)

    public func apply(_ x: Float) -> Float {
        let y = applyKind(x)
        return isAffine ? y * scale + shift : y
    }

    private func applyKind(_ x: Float) -> Float {
        switch kind {
        case .linear: return x
        case .clamp: return Swift.min(Swift.max(x, min), max)
        case .hardSigmoid: return Swift.max(0, Swift.min(1, alpha * x + beta))
        case .hardSwish: return x * Swift.max(0, Swift.min(1, alpha * x + beta))
        case .swish: return x / (1 + Foundation.exp(-x))
        }
    }

    var c: ep_activation {
        ep_activation(kind: kind.rawValue, min: min, max: max, alpha: alpha, beta: beta, affine: isAffine ? 1 : 0, scale: scale, shift: shift)
    }

    /// As node attributes of a fused op.
    var attributes: [String: Attribute] {
        ["activation": .int(Int(kind.rawValue)), "activation_params": .floats([min, max, alpha, beta] + (isAffine ? [scale, shift] : []))]
    }

    init(kind: Kind, min: Float = -.infinity, max: Float = .infinity, alpha: Float = 0, beta: Float = 0) {
        self.kind = kind
        self.min = min
        self.max = max
        self.alpha = alpha
        self.beta = beta
    }

    init(_ node: Node) {
        let params = node.floats("activation_params") ?? [-.infinity, .infinity, 0, 0]
        self.init(kind: Kind(rawValue: Int32(node.int("activation") ?? 0)) ?? .linear,
                  min: params[0], max: params[1], alpha: params[2], beta: params[3])
        if params.count >= 6 {
            scale = params[4]
            shift = params[5]
        }
    }
}

/// EdgePilot's own fused operators (domain `ai.edgepilot`), made by the passes:
/// `FusedConv(X, W, B?, Residual?)` = act(Conv(X, W, B) + Residual) and
/// `FusedGemm(A, B, C?)` = act(Gemm(A, B, C)); all Conv/Gemm attributes kept.
public enum FusedOps {
    public static let domain = "ai.edgepilot"

    static func kind(_ node: Node) -> (any OperatorKind)? {
        guard node.domain == domain else { return nil }
        switch node.opType {
        case "FusedConv": return FusedConvOp()
        case "FusedGemm": return FusedGemmOp()
        case "QConv": return QConvOp()
        case "QLookup": return QLookupOp()
        default: return nil
        }
    }
}

struct FusedConvOp: OperatorKind {
    let name = "FusedConv"

    func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let out = try ConvOp().infer(context)
        if context.hasInput(3), try context.type(3).shape != out[0].shape { throw context.fail("residual shape differs from the output") }
        return out
    }

    func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        var y = try ConvOp().evaluate(context, Array(inputs.prefix(3)))[0]
        var values = y.floats
        let residual = inputs.count > 3 ? inputs[3]?.floats : nil
        let activation = Activation(context.node)
        for i in values.indices { values[i] = activation.apply(values[i] + (residual?[i] ?? 0)) }
        y.storage = .float32(values)
        return [y]
    }
}

struct FusedGemmOp: OperatorKind {
    let name = "FusedGemm"

    func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] { try GemmOp().infer(context) }

    func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        var y = try GemmOp().evaluate(context, inputs)[0]
        let activation = Activation(context.node)
        y.storage = .float32(y.floats.map(activation.apply))
        return [y]
    }
}
