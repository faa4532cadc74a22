import Engine
import EngineIR
import Testing

/// Concat inputs written straight into their slice of the output: chosen where each input is
/// one contiguous block of it and written by a step here; the copy stays otherwise (a graph
/// input among the inputs, batch 2, a Concat of a Concat's output); results equal the reference.
@Suite struct ConcatInPlaceTests {
    /// x → Relu → a, x → Sigmoid → b, [a, b, (x)] → Concat(axis 1) → c → (Concat(c, a') →) y.
    func graph(batch: Int, withInput: Bool = false, nested: Bool = false) -> Graph {
        var nodes = [
            Node(name: "relu", opType: "Relu", inputs: ["x"], outputs: ["a"]),
            Node(name: "sig", opType: "Sigmoid", inputs: ["x"], outputs: ["b"]),
            Node(name: "cat", opType: "Concat", inputs: ["a", "b"] + (withInput ? ["x"] : []), outputs: [nested ? "c" : "y"],
                 attributes: ["axis": .int(1)]),
        ]
        var channels = withInput ? 9 : 6
        if nested {
            nodes += [Node(name: "neg", opType: "Neg", inputs: ["x"], outputs: ["d"]),
                      Node(name: "cat2", opType: "Concat", inputs: ["c", "d"], outputs: ["y"], attributes: ["axis": .int(1)])]
            channels += 3
        }
        return Graph(inputs: [TinyGraphs.input("x", [batch, 3, 4, 5])], outputs: [TinyGraphs.input("y", [batch, channels, 4, 5])],
                     initializers: [:], nodes: nodes)
    }

    func check(_ graph: Graph, inPlace: [Bool]) throws {
        let model = try Compiler.compile(graph)
        let concats = model.report.steps.filter { $0.kind.hasPrefix("concat") }
        #expect(concats.map { $0.kind == "concat (in place)" } == inPlace, "\(concats.map(\.kind))")
        var random = TinyGraphs.Generator(state: 4)
        let x = random.tensor(graph.inputs[0].dims.map { if case .value(let v) = $0 { v } else { 1 } }, scale: 3)
        let expected = try ReferenceInterpreter.run(try Compiler.analyze(graph, options: .init(runPasses: false)).0, inputs: ["x": x])[0]
        let actual = try model.run([x])[0]
        let worst = zip(actual.floats, expected.floats).map { abs($0 - $1) }.max() ?? .infinity
        #expect(actual.shape == expected.shape && worst < 1e-6, "differs by \(worst)")
    }

    @Test func producersWriteIntoTheOutput() throws { try check(graph(batch: 1), inPlace: [true]) }
    @Test func aGraphInputIsCopied() throws { try check(graph(batch: 1, withInput: true), inPlace: [false]) }
    @Test func batchTwoIsCopied() throws { try check(graph(batch: 2), inPlace: [false]) }
    @Test func theOuterOfTwoNestedConcatsCopies() throws { try check(graph(batch: 1, nested: true), inPlace: [true, false]) }
}
