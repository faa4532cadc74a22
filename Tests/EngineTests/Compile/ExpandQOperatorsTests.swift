import Engine
import EngineIR
import Testing

/// QOperator files run as their QDQ equivalent: a QLinearConv gives the same integers as the
/// DequantizeLinear → Conv → QuantizeLinear it stands for, and is fused into an integer QConv;
/// malformed QOperator nodes are refused naming the node.
@Suite struct ExpandQOperatorsTests {
    static let x = ValueInfo(name: "x", dtype: .uint8, dims: [.value(1), .value(2), .value(4), .value(4)])
    static let y = ValueInfo(name: "y", dtype: .uint8, dims: [.value(1), .value(3), .value(4), .value(4)])

    static func initializers() -> [String: Tensor] {
        var random = TinyGraphs.Generator(state: 7)
        return [
            "xs": Tensor(shape: [], floats: [0.05]), "xz": Tensor(shape: [], storage: .uint8([120])),
            "w": Tensor(shape: [3, 2, 3, 3], storage: .int8((0..<54).map { _ in Int8(random.next() * 127) })),
            "ws": Tensor(shape: [3], floats: [0.01, 0.02, 0.015]), "wz": Tensor(shape: [3], storage: .int8([0, 0, 0])),
            "ys": Tensor(shape: [], floats: [0.1]), "yz": Tensor(shape: [], storage: .uint8([10])),
            "b": Tensor(shape: [3], storage: .int32([100, -2000, 40])),
        ]
    }

    static let attributes: [String: Attribute] = ["kernel_shape": .ints([3, 3]), "pads": .ints([1, 1, 1, 1])]

    static func qlinear(domain: String = "") -> Graph {
        Graph(inputs: [x], outputs: [y], initializers: initializers(),
              nodes: [Node(name: "qconv", opType: "QLinearConv", domain: domain, inputs: ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz", "b"],
                           outputs: ["y"], attributes: attributes)],
              opsets: ["": 13, "com.microsoft": 1])
    }

    /// The same computation written as QDQ by hand.
    static func qdq() -> Graph {
        var initializers = initializers()
        initializers["bf"] = Tensor(shape: [3], floats: zip([100, -2000, 40] as [Float], [0.01, 0.02, 0.015] as [Float]).map { $0 * 0.05 * $1 })
        return Graph(inputs: [x], outputs: [y], initializers: initializers, nodes: [
            Node(name: "dqx", opType: "DequantizeLinear", inputs: ["x", "xs", "xz"], outputs: ["xf"]),
            Node(name: "dqw", opType: "DequantizeLinear", inputs: ["w", "ws", "wz"], outputs: ["wf"], attributes: ["axis": .int(0)]),
            Node(name: "conv", opType: "Conv", inputs: ["xf", "wf", "bf"], outputs: ["yf"], attributes: attributes),
            Node(name: "q", opType: "QuantizeLinear", inputs: ["yf", "ys", "yz"], outputs: ["y"]),
        ])
    }

    @Test(arguments: ["", "com.microsoft"])
    func qlinearConvEqualsItsQDQForm(domain: String) throws {
        let input = Tensor(shape: [1, 2, 4, 4], storage: .uint8((0..<32).map { UInt8(($0 * 37) % 256) }))
        let expanded = try Compiler.compile(Self.qlinear(domain: domain))
        #expect(expanded.report.steps.contains { $0.kind.hasPrefix("qconv") }, "\(expanded.report.steps)")
        // The same integer kernel as the hand-written QDQ, bit for bit…
        #expect(try expanded.run([input]) == Compiler.compile(Self.qdq()).run([input]))
        // …and within one step of float arithmetic between the Q/DQ pairs (rounding order).
        let float = try Compiler.compile(Self.qdq(), options: .init(runPasses: false)).run([input])[0].ints
        let integer = try expanded.run([input])[0].ints
        #expect(zip(float, integer).allSatisfy { abs($0 - $1) <= 1 }, "\(float) vs \(integer)")
    }

    @Test func microsoftOpsBecomeFloatOpsBetweenQDQ() throws {
        let a = ValueInfo(name: "a", dtype: .uint8, dims: [.value(1), .value(2), .value(2), .value(2)])
        let scales: [String: Tensor] = ["s": Tensor(shape: [], floats: [0.5]), "z": Tensor(shape: [], storage: .uint8([128]))]
        let graph = Graph(inputs: [a], outputs: [ValueInfo(name: "y", dtype: .uint8, dims: [.value(1), .value(4), .value(1), .value(1)])],
                          initializers: scales, nodes: [
            Node(name: "add", opType: "QLinearAdd", domain: "com.microsoft", inputs: ["a", "s", "z", "a", "s", "z", "s", "z"], outputs: ["sum"]),
            Node(name: "cat", opType: "QLinearConcat", domain: "com.microsoft", inputs: ["s", "z", "a", "s", "z", "sum", "s", "z"],
                 outputs: ["cat"], attributes: ["axis": .int(1)]),
            Node(name: "gap", opType: "QLinearGlobalAveragePool", domain: "com.microsoft", inputs: ["cat", "s", "z", "s", "z"], outputs: ["y"]),
        ], opsets: ["": 13, "com.microsoft": 1])
        let model = try Compiler.compile(graph)
        // a = 2 everywhere (q 132) in channel 0 and 4 (q 136) in channel 1; a + a doubles it.
        let y = try model.run([Tensor(shape: [1, 2, 2, 2], storage: .uint8([132, 132, 132, 132, 136, 136, 136, 136]))])[0]
        #expect(y.storage == .uint8([132, 136, 136, 144]))
    }

    @Test func malformedQOperatorsAreClearErrors() {
        let a = ValueInfo(name: "a", dtype: .uint8, dims: [.value(1), .value(2), .value(2), .value(2)])
        let cases: [(Node, String)] = [
            (Node(name: "cat", opType: "QLinearConcat", domain: "com.microsoft", inputs: ["s", "z", "a", "s"], outputs: ["y"]),
             "triples"),
            (Node(name: "gap", opType: "QLinearGlobalAveragePool", domain: "com.microsoft", inputs: ["a", "s", "z", "s", "z"],
                  outputs: ["y"], attributes: ["channels_last": .int(1)]), "channels_last"),
            (Node(name: "add", opType: "QLinearAdd", domain: "com.microsoft", inputs: ["a", "", "z", "a", "s", "z", "s", "z"],
                  outputs: ["y"]), "missing a scale"),
        ]
        for (node, message) in cases {
            let graph = Graph(inputs: [a], outputs: [ValueInfo(name: "y", dtype: .uint8, dims: [])],
                              initializers: ["s": Tensor(shape: [], floats: [0.5]), "z": Tensor(shape: [], storage: .uint8([128]))],
                              nodes: [node], opsets: ["": 13, "com.microsoft": 1])
            do {
                _ = try Compiler.compile(graph)
                Issue.record("compiled malformed \(node.opType)")
            } catch {
                #expect(error.message.contains(message) && error.message.contains("'\(node.name)'"), "\(error)")
            }
        }
    }
}
