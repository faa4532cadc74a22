import EngineIR

/// Builds an FP16 variant from an FP32 model on the device: float weights (initializers and
/// Constant-node values of more than one element — exporters such as Paddle2ONNX store weights
/// as Constants) are stored as float16, each read through a Cast to float, inputs and
/// outputs stay float32 — the layout of onnxconverter-common's keep_io_types. Engines with fp16
/// arithmetic run it in fp16; this build promotes it back to fp32 arithmetic (PromoteFloat16).
public enum Float16Converter {
    public static func convert(_ graph: Graph) -> (graph: Graph, converted: Int) {
        var result = graph
        var converted = 0
        // Constants first, while node indices are the graph's own; each gets its Cast right after it.
        for (index, node) in graph.nodes.enumerated().reversed() where node.opType == "Constant" && node.outputs.count == 1 {
            guard let value = node.tensor("value"), value.dtype == .float32, value.count > 1 else { continue }
            let output = node.outputs[0], half = output + "/fp16"
            result.nodes[index].attributes["value"] = .tensor(halved(value))
            result.nodes[index].outputs = [half]
            result.nodes.insert(cast(half, to: output), at: index + 1)
            converted += 1
        }
        for (name, tensor) in graph.initializers.sorted(by: { $0.key < $1.key }) where tensor.dtype == .float32 && tensor.count > 1 {
            let half = name + "/fp16"
            result.initializers[name] = nil
            result.initializers[half] = halved(tensor)
            result.nodes.insert(cast(half, to: name), at: 0)
            converted += 1
        }
        return (result, converted)
    }

    private static func halved(_ tensor: Tensor) -> Tensor { Tensor(shape: tensor.shape, storage: .float16(tensor.floats.map { Float16($0) })) }

    private static func cast(_ half: String, to name: String) -> Node {
        Node(name: name + "/cast", opType: "Cast", inputs: [half], outputs: [name], attributes: ["to": .int(DType.float32.onnxCode)])
    }
}
