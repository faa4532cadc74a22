import Engine
import EngineIR
import Testing

/// Slice (steps forward and backward, several axes, YOLO's Focus slices) and Transpose run as a
/// strided copy: equal to the reference, and no reference step left.
@Suite struct StridedCopyStepTests {
    static let input = [2, 3, 8, 9]

    func check(_ node: Node, initializers: [String: Tensor], outShape: [Int]) throws {
        let graph = Graph(inputs: [TinyGraphs.input("x", Self.input)], outputs: [TinyGraphs.input("y", outShape)], initializers: initializers,
                          nodes: [node])
        let model = try Compiler.compile(graph)
        #expect(model.report.referenceSteps.isEmpty && model.report.steps.contains { $0.kind.hasSuffix("(strided copy)") },
                "\(model.report.steps.map(\.kind))")
        var random = TinyGraphs.Generator(state: 9)
        let x = random.tensor(Self.input)
        let actual = try model.run([x])[0]
        let expected = try ReferenceInterpreter.run(try Compiler.analyze(graph, options: .init(runPasses: false)).0, inputs: ["x": x])[0]
        #expect(actual.shape == outShape && expected.shape == outShape)
        #expect(actual.floats == expected.floats, "\(node)")
    }

    @Test(arguments: [
        ([0], [Int64.max], [2], [2], [2, 3, 4, 9]), ([1], [Int64.max], [3], [2], [2, 3, 8, 4]), ([-1], [-100], [3], [-2], [2, 3, 8, 5]),
        ([1, 2], [3, 7], [1, -1], [1, 3], [2, 2, 8, 2]), ([0], [1], [0], [], [1, 3, 8, 9]),
    ] as [([Int64], [Int64], [Int64], [Int64], [Int])])
    func slice(starts: [Int64], ends: [Int64], axes: [Int64], steps: [Int64], outShape: [Int]) throws {
        var initializers = ["starts": Tensor(shape: [starts.count], int64s: starts), "ends": Tensor(shape: [ends.count], int64s: ends),
                            "axes": Tensor(shape: [axes.count], int64s: axes)]
        if !steps.isEmpty { initializers["steps"] = Tensor(shape: [steps.count], int64s: steps) }
        let inputs = ["x", "starts", "ends", "axes"] + (steps.isEmpty ? [] : ["steps"])
        try check(Node(name: "slice", opType: "Slice", inputs: inputs, outputs: ["y"]), initializers: initializers, outShape: outShape)
    }

    @Test(arguments: [[0, 2, 1, 3], [3, 2, 1, 0], [0, 1, 3, 2]])
    func transpose(perm: [Int]) throws {
        try check(Node(name: "t", opType: "Transpose", inputs: ["x"], outputs: ["y"], attributes: ["perm": .ints(perm)]), initializers: [:],
                  outShape: perm.map { Self.input[$0] })
    }
}
