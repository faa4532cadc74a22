import Engine
import EngineIR
import Testing

/// DQ → MaxPool / Concat → Q with equal parameters runs on the uint8 values, bit-identical to
/// the float round trip; a Concat input with other parameters is requantized by a table, still
/// bit-identical.
@Suite struct FuseQDQPassThroughTests {
    func graph(secondZero: UInt8) -> Graph {
        let scale = Tensor(shape: [], floats: [0.1])
        let zeroA = Tensor(shape: [], storage: .uint8([7])), zeroB = Tensor(shape: [], storage: .uint8([secondZero]))
        let x = ValueInfo(name: "x", dtype: .uint8, dims: [.value(1), .value(2), .value(5), .value(5)])
        return Graph(inputs: [x], outputs: [ValueInfo(name: "y", dtype: .uint8, dims: [.value(1), .value(4), .value(4), .value(4)])],
                     initializers: ["s": scale, "za": zeroA, "zb": zeroB], nodes: [
            Node(name: "dq", opType: "DequantizeLinear", inputs: ["x", "s", "za"], outputs: ["xf"]),
            Node(name: "pool", opType: "MaxPool", inputs: ["xf"], outputs: ["p"], attributes: ["kernel_shape": .ints([2, 2])]),
            Node(name: "q", opType: "QuantizeLinear", inputs: ["p", "s", "za"], outputs: ["pq"]),
            Node(name: "dq1", opType: "DequantizeLinear", inputs: ["pq", "s", "za"], outputs: ["a"]),
            Node(name: "dq2", opType: "DequantizeLinear", inputs: ["pq", "s", "zb"], outputs: ["b"]),
            Node(name: "cat", opType: "Concat", inputs: ["a", "b"], outputs: ["c"], attributes: ["axis": .int(1)]),
            Node(name: "qc", opType: "QuantizeLinear", inputs: ["c", "s", "za"], outputs: ["y"]),
        ])
    }

    @Test(arguments: [UInt8(7), 9])
    func runsOnQuantizedValuesWhenParametersAgree(secondZero: UInt8) throws {
        let source = graph(secondZero: secondZero)
        let (before, _) = try Compiler.analyze(source, options: .init(runPasses: false))
        let (after, changes) = try TinyGraphs.applying(FuseQDQPassThrough(), to: before)
        // MaxPool and Concat; the second Concat input through a table when its zero point differs.
        #expect(changes.count == 2, "\(changes)")
        #expect(after.nodes.filter { $0.opType == "QLookup" }.count == (secondZero == 7 ? 0 : 1), "\(after.nodes.map(\.opType))")
        #expect(changes.last?.contains("requantized by a table") == (secondZero != 7), "\(changes)")
        #expect(after.types["pq"]?.dtype == .uint8)
        let input = Tensor(shape: [1, 2, 5, 5], storage: .uint8((0..<50).map { UInt8(($0 * 89) % 256) }))
        let reference = try Compiler.compile(source, options: .init(runPasses: false)).run([input])
        let fused = try Compiler.compile(source)
        #expect(try fused.run([input]) == reference)
        #expect(fused.report.steps.contains { $0.kind == "maxpool 2×2 uint8" }, "\(fused.report.steps)")
    }
}
