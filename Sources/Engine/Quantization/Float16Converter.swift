import EngineIR

/// Builds an FP16 variant from an FP32 model on the device: float weights (initializers of more
/// than one element) are stored as float16, each read through a Cast to float, inputs and
/// outputs stay float32 — the layout of onnxconverter-common's keep_io_types. Engines with fp16
/// arithmetic run it in fp16; this build promotes it back to fp32 arithmetic (PromoteFloat16).
public enum Float16Converter {
    public static func convert(_ graph: Graph) -> (graph: Graph, converted: Int) {
        var result = graph
        var converted = 0
        for (name, tensor) in graph.initializers.sorted(by: { $0.key < $1.key }) where tensor.dtype == .float32 && tensor.count > 1 {
            let half = name + "/fp16"
            result.initializers[name] = nil
            result.initializers[half] = Tensor(shape: tensor.shape, storage: .float16(tensor.floats.map { Float16($0) }))
            result.nodes.insert(Node(name: name + "/cast", opType: "Cast", inputs: [half], outputs: [name],
                                     attributes: ["to": .int(DType.float32.onnxCode)]), at: 0)
            converted += 1
        }
        return (result, converted)
    }
}
