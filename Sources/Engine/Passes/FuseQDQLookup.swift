import EngineIR

/// DequantizeLinear → elementwise ops of that one value → QuantizeLinear is a function of one
/// 8-bit value, so it becomes a 256-entry table (`QLookup`, domain ai.edgepilot): one pass over
/// bytes instead of dequantize, float op(s) and quantize. The table is the reference operators
/// evaluated on all 256 inputs, so the fused step gives what the unfused chain gives (up to the
/// last-ulp differences between the float kernels and the reference). Typical in QDQ models:
/// Add(x, 3) → Q, Div(x, 6) → Q, HardSigmoid → Q of hard-swish blocks.
public struct FuseQDQLookup: GraphPass {
    public init() {}
    public let name = "FuseQDQLookup"

    static let unary: Set = ["Relu", "Clip", "HardSigmoid", "HardSwish", "Sigmoid", "Tanh", "LeakyRelu", "Exp", "Log", "Sqrt", "Abs",
                             "Neg", "Reciprocal", "Erf", "Floor", "Ceil", "Round", "Elu", "Selu", "Celu", "Softplus", "Softsign",
                             "ThresholdedRelu", "Sign", "Shrink"]
    static let binary: Set = ["Add", "Sub", "Mul", "Div", "Pow", "Max", "Min"]

    public func run(_ graph: inout TypedGraph) throws(EngineError) -> [String] {
        var changes: [String] = []
        var index = 0
        while index < graph.nodes.count {
            defer { index += 1 }
            guard graph.nodes[index].opType == "QuantizeLinear", let chain = chain(ending: index, graph) else { continue }
            let q = graph.nodes[index]
            let table = try Self.table(dequantize: graph.nodes[chain.dequantize], ops: chain.ops.map { graph.nodes[$0] }, quantize: q, graph)
            let name = q.outputs[0] + "/table"
            graph.constants[name] = table
            graph.types[name] = ValueType(.uint8, [256])
            let source = graph.nodes[chain.dequantize].inputs[0]
            graph.nodes[index] = Node(name: q.name, opType: "QLookup", domain: FusedOps.domain, inputs: [source, name], outputs: q.outputs)
            for victim in chain.ops.sorted(by: >) { graph.nodes.remove(at: victim) }
            index -= chain.ops.filter { $0 < index }.count
            changes.append("\(chain.ops.count) op(s) and the Q/DQ around them before \(q.label) became a 256-entry table")
        }
        return changes
    }

    struct Chain {
        var dequantize: Int
        /// The elementwise nodes, in graph order.
        var ops: [Int]
    }

    /// The elementwise nodes feeding Q that depend on exactly one DequantizeLinear output (and
    /// scalar constants), with every intermediate read only inside the chain.
    private func chain(ending q: Int, _ graph: TypedGraph) -> Chain? {
        let quantize = graph.nodes[q]
        guard graph.perTensorQuantization(quantize)?.dtype == .uint8, let last = graph.producer(of: quantize.inputs[0]) else { return nil }
        var ops: Set<Int> = [], pending = [last], dequantize: Int?
        while let index = pending.popLast() {
            let node = graph.nodes[index]
            if node.opType == "DequantizeLinear" {
                guard graph.perTensorQuantization(node)?.dtype == .uint8, dequantize == nil || dequantize == index else { return nil }
                dequantize = index
                continue
            }
            guard node.domain.isEmpty, Self.unary.contains(node.opType) || Self.binary.contains(node.opType), node.outputs.count == 1,
                ops.count < 8
            else { return nil }
            ops.insert(index)
            for (position, input) in node.inputs.enumerated() where !input.isEmpty {
                if let constant = graph.constants[input] {
                    // Clip's bounds are scalars by definition; other constants must be scalars too.
                    guard constant.count == 1 || (node.opType == "Clip" && position > 0) else { return nil }
                    continue
                }
                guard let producer = graph.producer(of: input) else { return nil }
                if !ops.contains(producer) { pending.append(producer) }
            }
        }
        guard let dequantize, !ops.isEmpty else { return nil }
        // Intermediates (every op's output but the one Q reads) are read only by the chain and Q.
        let members = ops.union([q])
        for index in ops {
            let output = graph.nodes[index].outputs[0]
            guard !graph.graphOutputs.contains(output), graph.readerIndices(of: output).allSatisfy(members.contains) else { return nil }
        }
        return Chain(dequantize: dequantize, ops: ops.sorted())
    }

    /// DequantizeLinear, the ops in graph order and QuantizeLinear evaluated with the reference
    /// operators on all 256 inputs.
    static func table(dequantize dq: Node, ops: [Node], quantize q: Node, _ graph: TypedGraph) throws(EngineError) -> Tensor {
        var values: [String: Tensor] = [dq.inputs[0]: Tensor(shape: [256], storage: .uint8((0...255).map(UInt8.init)))]
        func run(_ node: Node) throws(EngineError) {
            let inputs = node.inputs.map { $0.isEmpty ? nil : values[$0] ?? graph.constants[$0] }
            let context = NodeContext(node: node, opset: graph.graph.opset, types: inputs.map { $0.map { ValueType($0.dtype, $0.shape) } },
                                      constants: node.inputs.map { $0.isEmpty ? nil : graph.constants[$0] })
            guard let kind = OperatorRegistry.all[node.opType] else { throw EngineError(.unsupported, "node \(node.label): no operator") }
            for (output, value) in zip(node.outputs, try kind.evaluate(context, inputs)) { values[output] = value }
        }
        try run(dq)
        for node in ops { try run(node) }
        try run(q)
        return values[q.outputs[0]]!.reshaped([256])
    }
}
