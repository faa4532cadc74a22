import EngineIR

/// Types every value, fixing symbolic input dims (batch from `batch`, others from explicit
/// input shapes), and evaluates every node whose inputs are all constant with its reference
/// operator — so Shape→Gather→Concat→Reshape chains become constants (constant folding).
enum ShapeInference {
    static let foldLimit = 1 << 22  // elements: fold shape arithmetic, not whole layers of activations

    static func run(_ graph: Graph, order: [Node], batch: Int, inputShapes: [String: [Int]]) throws(EngineError) -> TypedGraph {
        var typed = TypedGraph(graph: graph, nodes: [], types: [:], constants: graph.initializers)
        for (name, tensor) in graph.initializers { typed.types[name] = ValueType(tensor.dtype, tensor.shape) }
        var problems: [String] = []
        let names = Set(graph.inputs.map(\.name))
        for name in inputShapes.keys.sorted() where !names.contains(name) {
            problems.append("a shape was given for '\(name)', which is not an input (inputs: \(graph.inputs.map(\.name).joined(separator: ", ")))")
        }
        for (index, input) in graph.inputs.enumerated() {
            if let given = inputShapes[input.name] {
                guard given.count == input.dims.count, zip(given, input.dims).allSatisfy({ g, d in if case .value(let v) = d { v == g } else { g > 0 } }) else {
                    problems.append("input '\(input.name)': given shape \(given) does not fit \(describe(input.dims))")
                    continue
                }
                typed.types[input.name] = ValueType(input.dtype, given)
                continue
            }
            var shape: [Int] = []
            for (axis, dim) in input.dims.enumerated() {
                switch dim {
                case .value(let v): shape.append(v)
                case .symbol where axis == 0: shape.append(batch)
                case .symbol(let name):
                    problems.append("input '\(input.name)' (#\(index)) has symbolic dimension \(axis) '\(name)': give its shape (--shape \(input.name)=…)")
                }
            }
            typed.types[input.name] = ValueType(input.dtype, shape)
        }
        if !problems.isEmpty { throw EngineError(.shape, "input shapes are not fixed", items: problems) }

        for node in order {
            let kind = FusedOps.kind(node) ?? OperatorRegistry.all[node.opType]!
            let context = typed.context(node)
            let types = try kind.infer(context)
            guard types.count >= node.outputs.filter({ !$0.isEmpty }).count else {
                throw EngineError(.shape, "node \(node.label): produces \(types.count) outputs, \(node.outputs.count) named")
            }
            for (output, type) in zip(node.outputs, types) where !output.isEmpty {
                guard type.shape.allSatisfy({ $0 >= 0 }) else { throw EngineError(.shape, "node \(node.label): negative output shape \(type.shape)") }
                typed.types[output] = type
            }
            let inputs = node.inputs.filter { !$0.isEmpty }
            let foldable = (kind.dependsOnlyOnTypes || inputs.allSatisfy { typed.constants[$0] != nil })
                && types.allSatisfy { $0.count <= foldLimit }
            if foldable {
                let values = try kind.evaluate(context, context.constants)
                for (output, value) in zip(node.outputs, values) where !output.isEmpty { typed.constants[output] = value }
            }
            typed.nodes.append(node)
        }
        for output in graph.outputs where typed.types[output.name] == nil {
            throw EngineError(.invalidGraph, "graph output '\(output.name)' has no type")
        }
        return typed
    }

    static func describe(_ dims: [Dim]) -> String {
        "[" + dims.map { if case .value(let v) = $0 { "\(v)" } else if case .symbol(let s) = $0 { s } else { "?" } }.joined(separator: ", ") + "]"
    }
}
