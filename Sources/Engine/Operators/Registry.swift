import EngineIR

/// Every operator the engine runs, by ONNX op type (default domain). The only place an
/// operator is registered; the compiler, `inspect` and the conformance runner read it.
public enum OperatorRegistry {
    /// Default-domain opsets whose semantics the operators implement.
    public static let opsets = 7...21

    public static let all: [String: any OperatorKind] = {
        var table: [String: any OperatorKind] = [:]
        let kinds: [any OperatorKind] = [
            ConvOp(), ConvTransposeOp(), PoolOp(name: "MaxPool"), PoolOp(name: "AveragePool"),
            GlobalPoolOp(name: "GlobalAveragePool"), GlobalPoolOp(name: "GlobalMaxPool"),
            BatchNormalizationOp(), GemmOp(), MatMulOp(), ConcatOp(), FlattenOp(), ReshapeOp(), ShapeOp(),
            ConstantOp(), GatherOp(), SliceOp(), SqueezeOp(name: "Squeeze"), SqueezeOp(name: "Unsqueeze"),
            TransposeOp(), PadOp(), SoftmaxOp(), ReduceOp(name: "ReduceMean"), ReduceOp(name: "ReduceSum"),
            ReduceOp(name: "ReduceMax"), ReduceOp(name: "ReduceMin"), ResizeOp(), CastOp(), ClipOp(),
            DropoutOp(), IdentityOp(), QuantizeLinearOp(name: "QuantizeLinear"), QuantizeLinearOp(name: "DequantizeLinear"),
            DynamicQuantizeLinearOp(), ConvIntegerOp(), MatMulIntegerOp(),
        ] + UnaryOp.all + BinaryOp.all
        for kind in kinds { table[kind.name] = kind }
        return table
    }()
}
