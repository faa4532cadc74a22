import EngineIR

/// Identity(x) and inference-mode Dropout(x) are x: their readers read x directly.
/// Kept when the output is a graph output (the name must survive) or Dropout's mask is read.
public struct EliminateIdentity: GraphPass {
    public init() {}
    public let name = "EliminateIdentity"

    public func run(_ graph: inout TypedGraph) throws(EngineError) -> [String] {
        var changes: [String] = []
        var index = 0
        while index < graph.nodes.count {
            let node = graph.nodes[index]
            let maskRead = node.outputs.count > 1 && !node.outputs[1].isEmpty && !graph.readerIndices(of: node.outputs[1]).isEmpty
            if (node.opType == "Identity" || node.opType == "Dropout") && node.domain.isEmpty && !maskRead
                && !graph.graphOutputs.contains(node.outputs[0])
            {
                graph.replaceUses(of: node.outputs[0], with: node.inputs[0])
                graph.nodes.remove(at: index)
                changes.append("removed \(node.label)")
            } else {
                index += 1
            }
        }
        return changes
    }
}
