import EngineIR

/// What arithmetic a compiled variant actually runs — counted from its steps, never parsed back
/// from a sentence. An INT8 file may keep convolutions in float (the cost rule), and an FP16
/// file runs fp32 arithmetic on promoted fp16 weights in this build.
public struct Arithmetic: Sendable, Equatable, Codable {
    /// Convolutions that run an integer kernel (GEMM or depthwise).
    public var integerConvolutions: Int
    /// ConvInteger / MatMulInteger from dynamically quantized files, on the reference path.
    public var dynamicIntegerOps: Int
    /// The file's fp16 weights are promoted to fp32 at compile time.
    public var float16WeightsPromoted: Bool

    public init(integerConvolutions: Int, dynamicIntegerOps: Int, float16WeightsPromoted: Bool) {
        self.integerConvolutions = integerConvolutions
        self.dynamicIntegerOps = dynamicIntegerOps
        self.float16WeightsPromoted = float16WeightsPromoted
    }

    init(graph: Graph, steps: [CompiledModel.StepInfo]) {
        self.init(integerConvolutions: steps.filter(\.isIntegerConvolution).count,
                  dynamicIntegerOps: steps.filter { ["reference ConvInteger", "reference MatMulInteger"].contains($0.kind) }.count,
                  float16WeightsPromoted: PromoteFloat16.uses(graph))
    }

    /// Any integer arithmetic at all.
    public var usesInteger: Bool { integerConvolutions + dynamicIntegerOps > 0 }

    /// The sentence every report prints (`computePrecision` in bench JSON and the store).
    public var description: String {
        var parts: [String] = []
        if integerConvolutions > 0 { parts.append("\(integerConvolutions) integer convolution(s)") }
        if dynamicIntegerOps > 0 { parts.append("\(dynamicIntegerOps) dynamic integer op(s) on the reference path") }
        if !parts.isEmpty { return "int8 (\(parts.joined(separator: ", "))), fp32 elsewhere" }
        return float16WeightsPromoted ? "fp32 compute, fp16 weights (promoted; no fp16 kernels in this build)" : "fp32"
    }

    /// The bench table's short form: `fp32`, `int8: 5 conv, rest fp32`, `fp16 weights, fp32 compute`.
    public var short: String {
        if integerConvolutions > 0 { return "int8: \(integerConvolutions) conv, rest fp32" }
        if dynamicIntegerOps > 0 { return "int8: \(dynamicIntegerOps) dynamic op(s), reference" }
        return float16WeightsPromoted ? "fp16 weights, fp32 compute" : "fp32"
    }
}
