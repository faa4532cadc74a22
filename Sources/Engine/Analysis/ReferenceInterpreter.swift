import EngineIR

/// Runs a typed graph node by node with the reference operators: the oracle the passes and the
/// compiled kernels are checked against.
public enum ReferenceInterpreter {
    public static func run(_ graph: TypedGraph, inputs: [String: Tensor]) throws(EngineError) -> [Tensor] {
        var values = graph.constants
        values.merge(inputs) { _, new in new }
        for node in graph.nodes {
            guard let kind = FusedOps.kind(node) ?? OperatorRegistry.all[node.opType] else {
                throw EngineError(.unsupported, "node \(node.label) has no reference operator")
            }
            let context = graph.context(node)
            let outputs = try kind.evaluate(context, node.inputs.map { $0.isEmpty ? nil : values[$0] })
            for (name, value) in zip(node.outputs, outputs) where !name.isEmpty { values[name] = value }
        }
        var results: [Tensor] = []
        for output in graph.graph.outputs {
            guard let value = values[output.name] else { throw EngineError(.invalidGraph, "output '\(output.name)' was not computed") }
            results.append(value)
        }
        return results
    }
}
