import EngineIR

/// DequantizeLinear → MaxPool / Reshape / Flatten / Squeeze / Unsqueeze / Concat → QuantizeLinear
/// with the same scale and zero point on every side runs on the quantized values themselves:
/// these ops only select or move values, and max commutes with the monotonic dequantization,
/// so the result is bit-identical and two passes over the tensor disappear. (ONNX Runtime's
/// quantizer gives these ops their input's parameters.) A uint8 Concat input whose parameters
/// differ from the output's is requantized by a 256-entry table (`QLookup`, the reference
/// DequantizeLinear → QuantizeLinear on every byte, so again bit-identical): the Concat stays
/// integer, and its inputs can still be written in place.
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
            var sources: [String] = [], lookups: [Node] = [], tables: [String: Tensor] = [:]
            for i in data {
                guard let producer = graph.producer(of: node.inputs[i]).map({ graph.nodes[$0] }), producer.opType == "DequantizeLinear",
                    let source = graph.perTensorQuantization(producer)
                else { break }
                if source == target {
                    sources.append(producer.inputs[0])
                    continue
                }
                guard node.opType == "Concat", source.dtype == .uint8, target.dtype == .uint8 else { break }
                var requantize = graph.nodes[qIndex]  // Q applied to this input's dequantized values
                requantize.inputs[0] = producer.outputs[0]
                let table = try FuseQDQLookup.table(dequantize: producer, ops: [], quantize: requantize, graph)
                let requantized = node.inputs[i] + "/requantized", tableName = requantized + "/table"
                tables[tableName] = table
                lookups.append(Node(name: requantized, opType: "QLookup", domain: FusedOps.domain, inputs: [producer.inputs[0], tableName],
                                    outputs: [requantized]))
                sources.append(requantized)
            }
            guard sources.count == data.count else { continue }
            for lookup in lookups {
                graph.constants[lookup.inputs[1]] = tables[lookup.inputs[1]]
                graph.types[lookup.inputs[1]] = ValueType(.uint8, [256])
                graph.types[lookup.outputs[0]] = graph.types[lookup.inputs[0]]
            }
            // The tables go just before the op; Q reads its output, so it comes after and moves too.
            graph.nodes.insert(contentsOf: lookups, at: index)
            index += lookups.count
            let qAt = qIndex + lookups.count
            let q = graph.nodes[qAt]
            var rewritten = node
            for (i, source) in zip(data, sources) { rewritten.inputs[i] = source }
            rewritten.outputs = [q.outputs[0]]
            graph.types[q.outputs[0]] = graph.types[node.outputs[0]].map { ValueType(target.dtype, $0.shape) }
            graph.nodes[index] = rewritten
            graph.nodes.remove(at: qAt)
            if qAt < index { index -= 1 }
            changes.append("\(node.label) runs on \(target.dtype) values: its Q/DQ pair removed"
                + (lookups.isEmpty ? "" : ", \(lookups.count) input(s) requantized by a table"))
        }
        return changes
    }
}
