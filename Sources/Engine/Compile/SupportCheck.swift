import EngineIR

/// Lists everything in a graph the engine cannot run — op, domain, opset, dtype, attribute
/// value — all at once, each naming its node.
enum SupportCheck {
    static func check(_ graph: Graph) throws(EngineError) {
        var items: [String] = []
        let opset = graph.opset, legacy = (1..<OperatorRegistry.opsets.lowerBound).contains(opset)
        if !OperatorRegistry.opsets.contains(opset) && !legacy {
            items.append("default-domain opset \(opset) (supported: \(OperatorRegistry.opsets.lowerBound)–\(OperatorRegistry.opsets.upperBound))")
        }
        for node in graph.nodes {
            if legacy && node.domain.isEmpty && !OperatorRegistry.sinceOpset1.contains(node.opType) {
                items.append("node \(node.label): op \(node.opType) at default-domain opset \(opset): its early versions differ "
                    + "(below opset \(OperatorRegistry.opsets.lowerBound) only ops whose semantics did not change are accepted; convert with onnx.version_converter)")
                continue
            }
            if !node.domain.isEmpty && node.domain != FusedOps.domain {
                items.append("node \(node.label): domain '\(node.domain)' (opset \(graph.opsets[node.domain] ?? 0)) is not supported")
                continue
            }
            guard let kind = FusedOps.kind(node) ?? OperatorRegistry.all[node.opType] else {
                items.append("node \(node.label): op \(node.opType) (domain ai.onnx, opset \(opset)) is not supported")
                continue
            }
            items += kind.unsupported(node, opset: opset)
        }
        if !items.isEmpty { throw EngineError(.unsupported, "\(items.count) unsupported item(s)", items: items) }
    }
}
