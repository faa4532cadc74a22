import EngineIR

/// DequantizeLinear → MaxPool / Reshape / Flatten / Squeeze / Unsqueeze / Concat → QuantizeLinear
/// with the same scale and zero point on every side runs on the quantized values themselves:
/// these ops only select or move values, and max commutes with the monotonic dequantization,
/// so the result is bit-identical and two passes over the tensor disappear. (ONNX Runtime's
/// quantizer gives these ops their input's parameters; Concat qualifies only when all its
/// inputs share them.)
public struct FuseQDQPassThrough: GraphPass {
    public init() {}
    public let name = "FuseQDQPassThrough"

    static let ops: Set = ["MaxPool", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Concat"]

    public func run(_ graph: inout TypedGraph) throws(EngineError) -> [String] {
        var changes: [String] = []
        var index = 0
        while index < graph.nodes.count {
            defer { index += 1 }
            let node = graph.nodes[index]
            guard node.domain.isEmpty, Self.ops.contains(node.opType), node.outputs.count == 1,
                let qIndex = graph.soleReader(of: node.outputs[0]), graph.nodes[qIndex].opType == "QuantizeLinear",
                let target = graph.perTensorQuantization(graph.nodes[qIndex])
            else { continue }
            let data = node.opType == "Concat" ? Array(node.inputs.indices) : [0]
            var sources: [String] = []
            for i in data {
                guard let producer = graph.producer(of: node.inputs[i]).map({ graph.nodes[$0] }), producer.opType == "DequantizeLinear",
                    graph.perTensorQuantization(producer) == target
                else { break }
                sources.append(producer.inputs[0])
            }
            guard sources.count == data.count else { continue }
            let q = graph.nodes[qIndex]
            var rewritten = node
            for (i, source) in zip(data, sources) { rewritten.inputs[i] = source }
            rewritten.outputs = [q.outputs[0]]
            graph.types[q.outputs[0]] = graph.types[node.outputs[0]].map { ValueType(target.dtype, $0.shape) }
            graph.nodes[index] = rewritten
            graph.nodes.remove(at: qIndex)
            if qIndex < index { index -= 1 }
            changes.append("\(node.label) runs on \(target.dtype) values: its Q/DQ pair removed")
        }
        return changes
    }
}
