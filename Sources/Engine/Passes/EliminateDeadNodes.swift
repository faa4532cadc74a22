import EngineIR

/// Removes nodes none of whose outputs reach a graph output.
public struct EliminateDeadNodes: GraphPass {
    public init() {}
    public let name = "EliminateDeadNodes"

    public func run(_ graph: inout TypedGraph) throws(EngineError) -> [String] {
        var live = graph.graphOutputs
        var keep = [Bool](repeating: false, count: graph.nodes.count)
        for index in graph.nodes.indices.reversed() where graph.nodes[index].outputs.contains(where: live.contains) {
            keep[index] = true
            live.formUnion(graph.nodes[index].inputs.filter { !$0.isEmpty })
        }
        var changes: [String] = []
        graph.nodes = graph.nodes.enumerated().compactMap { index, node in
            if !keep[index] { changes.append("removed \(node.label)") }
            return keep[index] ? node : nil
        }
        return changes
    }
}
