import EngineIR

/// Every operator the engine runs, by ONNX op type (default domain). The only place an
/// operator is registered; the compiler, `inspect` and the conformance runner read it.
public enum OperatorRegistry {
    /// Default-domain opsets whose semantics the operators implement.
    public static let opsets = 7...21

    /// Ops also accepted in graphs of default-domain opsets 1–6: their versions there mean what
    /// the operators implement (opset 1's `consumed_inputs` was an optimisation hint, ignored).
    /// Not here, because their early versions differ: Add/Sub/Mul/Div/Pow/Gemm (legacy
    /// `broadcast`), BatchNormalization and Dropout (`is_test`, `spatial`), Reshape (shape
    /// attribute), Pad (`paddings`), Cast (type names), Concat (optional axis), Sum/Mean/Max/Min
    /// (no broadcasting), MeanVarianceNormalization (`across_channels`), Upsample.
    public static let sinceOpset1: Set<String> = [
        "Abs", "AveragePool", "Ceil", "Clip", "Constant", "Conv", "ConvTranspose", "DepthToSpace", "Elu", "Exp", "Flatten", "Floor",
        "Gather", "GlobalAveragePool", "GlobalMaxPool", "Hardmax", "HardSigmoid", "Identity", "LeakyRelu", "Log", "LogSoftmax", "LRN",
        "MatMul", "MaxPool", "Neg", "Reciprocal", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean",
        "ReduceMin", "ReduceProd", "ReduceSum", "ReduceSumSquare", "Relu", "Selu", "Shape", "Sigmoid", "Slice", "Softmax", "Softplus",
        "Softsign", "SpaceToDepth", "Sqrt", "Squeeze", "Tanh", "Transpose", "Unsqueeze",
    ]

    public static let all: [String: any OperatorKind] = {
        var table: [String: any OperatorKind] = [:]
        let kinds: [any OperatorKind] = [
            ConvOp(), ConvTransposeOp(), PoolOp(name: "MaxPool"), PoolOp(name: "AveragePool"),
            GlobalPoolOp(name: "GlobalAveragePool"), GlobalPoolOp(name: "GlobalMaxPool"),
            BatchNormalizationOp(), GemmOp(), MatMulOp(), ConcatOp(), FlattenOp(), ReshapeOp(), ShapeOp(),
            ConstantOp(), GatherOp(), SliceOp(), SqueezeOp(name: "Squeeze"), SqueezeOp(name: "Unsqueeze"),
            TransposeOp(), PadOp(), ResizeOp(), CastOp(), ClipOp(),
            DropoutOp(), IdentityOp(), QuantizeLinearOp(name: "QuantizeLinear"), QuantizeLinearOp(name: "DequantizeLinear"),
            DynamicQuantizeLinearOp(), ConvIntegerOp(), MatMulIntegerOp(),
        ] + UnaryOp.all + BinaryOp.all + SoftmaxOp.all + DepthSpaceOp.all + ReduceOp.all + [LRNOp(), MeanVarianceNormalizationOp()]
        for kind in kinds { table[kind.name] = kind }
        return table
    }()
}
