import EngineIR

/// A graph whose every value has a static type, with the constant values known at compile
/// time. Produced by shape inference (which also folds constants); rewritten by the passes.
public struct TypedGraph: Sendable {
    public var graph: Graph
    /// Nodes in execution order.
    public var nodes: [Node]
    public var types: [String: ValueType]
    /// Initializers and folded values.
    public var constants: [String: Tensor]

    func context(_ node: Node) -> NodeContext {
        NodeContext(node: node, opset: graph.opset,
                    types: node.inputs.map { $0.isEmpty ? nil : types[$0] },
                    constants: node.inputs.map { $0.isEmpty ? nil : constants[$0] })
    }

    /// How many nodes read each value (graph outputs count as readers).
    var readers: [String: Int] {
        var counts: [String: Int] = [:]
        for node in nodes { for input in node.inputs where !input.isEmpty { counts[input, default: 0] += 1 } }
        for output in graph.outputs { counts[output.name, default: 0] += 1 }
        return counts
    }

    func producer(of value: String) -> Int? { nodes.firstIndex { $0.outputs.contains(value) } }
}
