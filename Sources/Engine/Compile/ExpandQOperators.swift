import EngineIR

/// QOperator-format models (ONNX Runtime's quantizer with `QuantFormat.QOperator`) in QDQ form:
/// every quantized operator — QLinearConv, QLinearMatMul and the `com.microsoft` QGemm,
/// QLinearAdd, QLinearMul, QLinearConcat, QLinearGlobalAveragePool, QLinearSoftmax — becomes
/// DequantizeLinear → the float operator → QuantizeLinear, with the same scales and zero points.
/// The QDQ fusions then turn the pattern back into integer ops where a kernel exists, so both
/// formats share one integer path. Int32 biases become DequantizeLinear(bias, x_scale·w_scale).
/// Runs on the untyped graph, before the support check.
enum ExpandQOperators {
    static let microsoft = "com.microsoft"
    static let defaultDomainOps: Set = ["QLinearConv", "QLinearMatMul"]
    static let microsoftOps: Set = ["QGemm", "QLinearAdd", "QLinearMul", "QLinearConcat", "QLinearGlobalAveragePool",
                                    "QLinearSoftmax", "QLinearConv"]

    static func expands(_ node: Node) -> Bool {
        node.domain.isEmpty ? defaultDomainOps.contains(node.opType) : node.domain == microsoft && microsoftOps.contains(node.opType)
    }

    static func uses(_ graph: Graph) -> Bool { graph.nodes.contains(where: expands) }

    static func run(_ graph: Graph) throws(EngineError) -> Graph {
        var result = graph
        result.nodes = []
        for node in graph.nodes {
            guard expands(node) else {
                result.nodes.append(node)
                continue
            }
            var builder = Builder(node: node)
            try builder.expand()
            result.nodes += builder.nodes
        }
        if !result.nodes.contains(where: { $0.domain == microsoft }) { result.opsets[microsoft] = nil }
        return result
    }

    /// The replacement nodes for one quantized operator; intermediate values are named after
    /// the operator's output, so they are unique and readable in `inspect --passes`.
    private struct Builder {
        let node: Node
        var nodes: [Node] = []

        init(node: Node) { self.node = node }

        var base: String { node.outputs.first ?? node.name }

        func input(_ index: Int) -> String { index < node.inputs.count ? node.inputs[index] : "" }

        func required(_ index: Int, _ what: String) throws(EngineError) -> String {
            let name = input(index)
            guard !name.isEmpty else { throw EngineError(.invalidModel, "node \(node.label): missing \(what) (input \(index))") }
            return name
        }

        mutating func add(_ opType: String, _ inputs: [String], _ output: String, _ attributes: [String: Attribute] = [:]) {
            nodes.append(Node(name: "\(node.name.isEmpty ? base : node.name)/\(opType)\(nodes.count)", opType: opType, inputs: inputs,
                              outputs: [output], attributes: attributes))
        }

        /// DequantizeLinear of input `index` with its scale and zero point at the next two inputs.
        mutating func dequantize(_ index: Int, _ what: String, axis: Int? = nil) throws(EngineError) -> String {
            let value = try required(index, what), scale = try required(index + 1, what + " scale")
            let output = "\(base)/\(what)_float"
            add("DequantizeLinear", [value, scale, input(index + 2)], output, axis.map { ["axis": .int($0)] } ?? [:])
            return output
        }

        /// QuantizeLinear of `value` into the operator's output with the scale and zero point at `index`.
        mutating func quantize(_ value: String, scaleAt index: Int) throws(EngineError) {
            add("QuantizeLinear", [value, try required(index, "output scale"), input(index + 1)], node.outputs[0])
        }

        /// An int32 bias in units of x_scale·w_scale, as float.
        mutating func bias(_ index: Int, xScale: Int, wScale: Int) -> String {
            guard !input(index).isEmpty else { return "" }
            let scale = "\(base)/bias_scale", output = "\(base)/bias_float"
            add("Mul", [input(xScale), input(wScale)], scale)
            add("DequantizeLinear", [input(index), scale], output, ["axis": .int(0)])
            return output
        }

        func float(_ opType: String) -> String { "\(base)/\(opType)_float" }

        mutating func expand() throws(EngineError) {
            guard !node.outputs.isEmpty, !node.outputs[0].isEmpty else { throw EngineError(.invalidModel, "node \(node.label) has no output") }
            var attributes = node.attributes
            switch node.opType {
            case "QLinearConv":
                // x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, B
                let x = try dequantize(0, "x"), w = try dequantize(3, "w", axis: 0)
                let b = bias(8, xScale: 1, wScale: 4)
                add("Conv", b.isEmpty ? [x, w] : [x, w, b], float("Conv"), attributes)
                try quantize(float("Conv"), scaleAt: 6)
            case "QLinearMatMul":
                // a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp
                let a = try dequantize(0, "a"), b = try dequantize(3, "b", axis: -1)
                add("MatMul", [a, b], float("MatMul"))
                try quantize(float("MatMul"), scaleAt: 6)
            case "QGemm":
                // A, a_scale, a_zp, B, b_scale, b_zp, C?, y_scale?, y_zp?; C is int32 in units of a_scale·b_scale
                let a = try dequantize(0, "a"), b = try dequantize(3, "b", axis: (node.int("transB") ?? 0) != 0 ? 0 : 1)
                let c = bias(6, xScale: 1, wScale: 4)
                attributes["beta"] = .float(1)
                let output = input(7).isEmpty ? node.outputs[0] : float("Gemm")
                add("Gemm", c.isEmpty ? [a, b] : [a, b, c], output, attributes)
                if !input(7).isEmpty { try quantize(output, scaleAt: 7) }
            case "QLinearAdd", "QLinearMul":
                // A, A_scale, A_zp, B, B_scale, B_zp, C_scale, C_zp
                let a = try dequantize(0, "a"), b = try dequantize(3, "b")
                let op = node.opType == "QLinearAdd" ? "Add" : "Mul"
                add(op, [a, b], float(op))
                try quantize(float(op), scaleAt: 6)
            case "QLinearConcat":
                // Y_scale, Y_zp, then (X, X_scale, X_zp) per input
                guard node.inputs.count >= 5, (node.inputs.count - 2) % 3 == 0 else {
                    throw EngineError(.invalidModel, "node \(node.label): inputs must be Y_scale, Y_zero_point, then (X, scale, zero point) triples; got \(node.inputs.count)")
                }
                var parts: [String] = []
                for (position, index) in stride(from: 2, to: node.inputs.count, by: 3).enumerated() {
                    parts.append(try dequantize(index, "x\(position)"))
                }
                add("Concat", parts, float("Concat"), attributes)
                try quantize(float("Concat"), scaleAt: 0)
            case "QLinearGlobalAveragePool":
                // X, x_scale, x_zp, y_scale, y_zp
                guard (node.int("channels_last") ?? 0) == 0 else {
                    throw EngineError(.unsupported, "node \(node.label): channels_last 1 (NHWC) is not supported")
                }
                let x = try dequantize(0, "x")
                add("GlobalAveragePool", [x], float("GlobalAveragePool"))
                try quantize(float("GlobalAveragePool"), scaleAt: 3)
            case "QLinearSoftmax":
                // X, X_scale, x_zp, y_scale, y_zp; `opset` says which Softmax semantics apply
                let axis = node.int("axis") ?? -1
                guard (node.int("opset") ?? 13) >= 13 || axis == -1 else {
                    throw EngineError(.unsupported, "node \(node.label): opset \(node.int("opset")!) Softmax with axis \(axis) (2-D coercion) is not supported")
                }
                let x = try dequantize(0, "x")
                add("Softmax", [x], float("Softmax"), ["axis": .int(axis)])
                try quantize(float("Softmax"), scaleAt: 3)
            default:
                throw EngineError(.unsupported, "node \(node.label) is not a quantized operator")
            }
        }
    }
}
