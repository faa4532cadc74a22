import EngineIR

/// Runs an FP16 model with FP32 compute: float16 initializers and Constant values become
/// float32 (exact: every fp16 value is a float32 value), Casts to float16 inside the graph
/// become Casts to float32, and float16 graph inputs/outputs get one Cast at the boundary.
/// The FP16 rounding of the weights is kept; the arithmetic is FP32 — what ONNX Runtime does
/// on x86 (BASELINE.md "Surprises" 1). The compiled model reports it as its compute precision.
///
/// This build has no fp16-arithmetic kernels (AVX512-FP16, NEON fphp): they are the INT8/FP16
/// engine issue's next step.
enum PromoteFloat16 {
    static func uses(_ graph: Graph) -> Bool {
        graph.initializers.values.contains { $0.dtype == .float16 } || graph.inputs.contains { $0.dtype == .float16 }
            || graph.outputs.contains { $0.dtype == .float16 }
            || graph.nodes.contains { $0.opType == "Cast" && $0.int("to") == DType.float16.onnxCode }
            || graph.nodes.contains { $0.tensor("value")?.dtype == .float16 }
    }

    static func run(_ graph: Graph) -> Graph {
        var result = graph
        result.initializers = graph.initializers.mapValues { $0.dtype == .float16 ? Tensor(shape: $0.shape, floats: $0.floats) : $0 }
        result.nodes = graph.nodes.map { node in
            var node = node
            if node.opType == "Cast", node.int("to") == DType.float16.onnxCode { node.attributes["to"] = .int(DType.float32.onnxCode) }
            if let value = node.tensor("value"), value.dtype == .float16 {
                node.attributes["value"] = .tensor(Tensor(shape: value.shape, floats: value.floats))
            }
            return node
        }
        for (index, input) in graph.inputs.enumerated() where input.dtype == .float16 {
            let promoted = input.name + "/fp32"
            result.nodes = result.nodes.map { node in
                var node = node
                node.inputs = node.inputs.map { $0 == input.name ? promoted : $0 }
                return node
            }
            result.nodes.insert(Node(name: promoted, opType: "Cast", inputs: [input.name], outputs: [promoted],
                                     attributes: ["to": .int(DType.float32.onnxCode)]), at: 0)
            result.inputs[index] = input
        }
        for output in graph.outputs where output.dtype == .float16 {
            let promoted = output.name + "/fp32"
            result.nodes = result.nodes.map { node in
                var node = node
                node.outputs = node.outputs.map { $0 == output.name ? promoted : $0 }
                node.inputs = node.inputs.map { $0 == output.name ? promoted : $0 }
                return node
            }
            result.nodes.append(Node(name: output.name, opType: "Cast", inputs: [promoted], outputs: [output.name],
                                     attributes: ["to": .int(DType.float16.onnxCode)]))
        }
        return result
    }
}
