import EngineIR

/// Checks a graph's wiring and sorts its nodes: every input is produced by a graph input, an
/// initializer or one node; no value is produced twice; no cycles. Errors name the nodes.
enum GraphOrder {
    static func sorted(_ graph: Graph) throws(EngineError) -> [Node] {
        var producer: [String: Int] = [:]
        let sources = Set(graph.inputs.map(\.name)).union(graph.initializers.keys)
        for (index, node) in graph.nodes.enumerated() {
            for output in node.outputs where !output.isEmpty {
                if producer[output] != nil || sources.contains(output) {
                    throw EngineError(.invalidGraph, "value '\(output)' is produced twice (again by node \(node.label))")
                }
                producer[output] = index
            }
        }
        var missing: [String] = []
        var pending = [Int](repeating: 0, count: graph.nodes.count)
        var consumers: [Int: [Int]] = [:]
        for (index, node) in graph.nodes.enumerated() {
            for input in node.inputs where !input.isEmpty && !sources.contains(input) {
                guard let source = producer[input] else {
                    missing.append("node \(node.label) reads '\(input)', which nothing produces")
                    continue
                }
                pending[index] += 1
                consumers[source, default: []].append(index)
            }
        }
        for output in graph.outputs where producer[output.name] == nil && !sources.contains(output.name) {
            missing.append("graph output '\(output.name)' is produced by no node")
        }
        if !missing.isEmpty { throw EngineError(.invalidGraph, "the graph is not wired", items: missing) }
        var ready = pending.indices.filter { pending[$0] == 0 }
        var order: [Node] = []
        while let next = ready.first {
            ready.removeFirst()
            order.append(graph.nodes[next])
            for consumer in consumers[next] ?? [] {
                pending[consumer] -= 1
                if pending[consumer] == 0 { ready.append(consumer) }
            }
        }
        if order.count < graph.nodes.count {
            let stuck = pending.indices.filter { pending[$0] > 0 }.prefix(5).map { graph.nodes[$0].label }
            throw EngineError(.invalidGraph, "the graph has a cycle through \(stuck.joined(separator: ", "))")
        }
        return order
    }
}
