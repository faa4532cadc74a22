import EngineIR

/// Nodes whose outputs are all known at compile time (computed by shape inference with the
/// reference operators: Constant, and Shape→Gather→Concat→Reshape-style chains once the batch
/// is fixed) are removed; their outputs become constants.
public struct FoldConstants: GraphPass {
    public init() {}
    public let name = "FoldConstants"

    public func run(_ graph: inout TypedGraph) throws(EngineError) -> [String] {
        var folded: [String: Int] = [:]
        graph.nodes.removeAll { node in
            let constant = node.outputs.allSatisfy { $0.isEmpty || graph.constants[$0] != nil }
            if constant { folded[node.opType, default: 0] += 1 }
            return constant
        }
        return folded.sorted { $0.key < $1.key }.map { "folded \($0.value) × \($0.key)" }
    }
}
