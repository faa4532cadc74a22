import Engine
import EngineIR
import Testing

/// The float convolution on the f32-gemm kernels against the reference interpreter, at every
/// ISA level this CPU runs, on one thread and split over two and three: 1×1, padded 3×3 with a
/// fused residual and ReLU, strided and grouped 3×3, and widths that leave partial NR tiles.
@Suite struct ConvStepTests {
    struct Case: Sendable, CustomStringConvertible {
        var channels: Int, out: Int, kernel: Int, input: [Int], attributes: [String: Attribute] = [:], residual = false
        var description: String { "c\(channels) m\(out) k\(kernel) \(input) \(attributes.keys.sorted())\(residual ? " +residual" : "")" }
    }

    static let cases: [Case] = [
        Case(channels: 48, out: 41, kernel: 1, input: [30, 31]),
        Case(channels: 16, out: 20, kernel: 3, input: [37, 29], attributes: ["pads": .ints([1, 1, 1, 1])], residual: true),
        Case(channels: 16, out: 24, kernel: 3, input: [81, 47], attributes: ["strides": .ints([2, 2]), "group": .int(2)]),
        Case(channels: 3, out: 9, kernel: 5, input: [33, 35], attributes: ["pads": .ints([2, 1, 2, 1]), "dilations": .ints([1, 2])]),
    ]

    static let runs: [(Case, ISALevel, Int)] = cases.flatMap { c in ISALevel.runnableHere.flatMap { isa in [1, 2, 3].map { (c, isa, $0) } } }

    @Test(arguments: runs)
    func matchesTheReference(_ c: Case, isa: ISALevel, threads: Int) throws {
        var random = TinyGraphs.Generator(state: 17)
        let group = c.attributes["group"].flatMap { if case .int(let g) = $0 { g } else { nil } } ?? 1
        let initializers = ["w": random.tensor([c.out, c.channels / group, c.kernel, c.kernel]), "b": random.tensor([c.out])]
        var nodes = [Node(name: "conv", opType: "Conv", inputs: ["x", "w", "b"], outputs: [c.residual ? "c" : "y"], attributes: c.attributes)]
        if c.residual {
            nodes.append(Node(name: "add", opType: "Add", inputs: ["c", "r"], outputs: ["s"]))
            nodes.append(Node(name: "relu", opType: "Relu", inputs: ["s"], outputs: ["y"]))
        }
        let shape = [1, c.channels] + c.input
        let probe = Graph(inputs: [TinyGraphs.input("x", shape)], outputs: [ValueInfo(name: "c", dtype: .float32, dims: [])],
                          initializers: initializers, nodes: [nodes[0]].map { var n = $0; n.outputs = ["c"]; return n })
        let outShape = try #require(try Compiler.analyze(probe, options: .init(runPasses: false)).0.types["c"]?.shape)
        let inputs = [TinyGraphs.input("x", shape)] + (c.residual ? [TinyGraphs.input("r", outShape)] : [])
        let graph = Graph(inputs: inputs, outputs: [TinyGraphs.input("y", outShape)], initializers: initializers, nodes: nodes)
        let model = try Compiler.compile(graph, options: .init(isa: isa, threads: threads))
        let kinds = model.report.steps.map(\.kind)
        #expect(model.report.referenceSteps.isEmpty && kinds.count == 1 && kinds[0].hasPrefix("conv"), "\(kinds)")
        #expect(threads == 1 || kinds[0].hasSuffix("×\(threads) threads"), "\(kinds)")
        let x = random.tensor(shape, scale: 2), r = random.tensor(outShape)
        let actual = try model.run(c.residual ? [x, r] : [x])[0]
        let typed = try Compiler.analyze(graph, options: .init(runPasses: false)).0
        let expected = try ReferenceInterpreter.run(typed, inputs: c.residual ? ["x": x, "r": r] : ["x": x])[0]
        #expect(actual.shape == expected.shape)
        let worst = zip(actual.floats, expected.floats).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? .infinity
        #expect(worst <= 1e-5, "\(c) \(isa) ×\(threads): differs by \(worst)")
    }
}
