import EngineIR

/// Concats whose inputs can be written straight into their slice of the output, so that the
/// Concat copies nothing: the output's leading dimensions before the axis are all 1 (each input
/// is then one contiguous block of it), and every input is written by a step of this graph (not
/// a graph input or output, not a constant), appears once, and is no other Concat's member or
/// output placed this way. Returns each such input's place in its Concat's output.
enum ConcatInPlace {
    static func aliases(_ graph: TypedGraph, written: Set<String>) -> [String: MemoryPlan.Alias] {
        var aliases: [String: MemoryPlan.Alias] = [:]
        var roots: Set<String> = []
        let outputs = Set(graph.graph.outputs.map(\.name))
        for node in graph.nodes where node.opType == "Concat" && node.domain.isEmpty {
            guard let output = node.outputs.first, let type = graph.types[output], let raw = node.int("axis"),
                let axis = normalizedAxis(raw, rank: type.shape.count), type.shape[..<axis].allSatisfy({ $0 == 1 }),
                Set(node.inputs).count == node.inputs.count, aliases[output] == nil
            else { continue }
            let members = node.inputs.allSatisfy { name in
                written.contains(name) && !outputs.contains(name) && aliases[name] == nil && !roots.contains(name) && name != output
                    && graph.types[name]?.dtype == type.dtype
            }
            guard members else { continue }
            var offset = 0
            for name in node.inputs {
                aliases[name] = MemoryPlan.Alias(root: output, offset: offset)
                offset += graph.types[name].map { $0.count * $0.dtype.byteSize } ?? 0
            }
            roots.insert(output)
        }
        return aliases
    }
}
