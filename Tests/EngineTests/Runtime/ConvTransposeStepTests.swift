import Engine
import EngineIR
import Testing

/// ConvTranspose as GEMM + col2im against the reference's scatter form: strides, dilations,
/// pads, output_padding, output_shape, SAME padding, groups, with and without bias.
@Suite struct ConvTransposeStepTests {
    struct Case: Sendable, CustomStringConvertible {
        var channels = 4, outPerGroup = 3, group = 1, kernel = [3, 3], input = [5, 6], bias = true
        var attributes: [String: Attribute] = [:]
        var description: String { "c\(channels) m\(outPerGroup * group) g\(group) k\(kernel) \(attributes.keys.sorted())" }
    }

    static let cases: [Case] = [
        Case(),
        Case(attributes: ["strides": .ints([2, 2])]),
        Case(kernel: [4, 4], attributes: ["strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])]),
        Case(bias: false, attributes: ["strides": .ints([2, 3]), "output_padding": .ints([1, 2]), "pads": .ints([0, 1, 1, 0])]),
        Case(attributes: ["dilations": .ints([2, 2]), "pads": .ints([2, 1, 0, 3])]),
        Case(channels: 4, outPerGroup: 2, group: 2, attributes: ["strides": .ints([2, 2])]),
        Case(channels: 6, outPerGroup: 1, group: 6, kernel: [2, 2], attributes: ["strides": .ints([2, 2])]),
        Case(attributes: ["strides": .ints([2, 2]), "output_shape": .ints([10, 12])]),
        Case(kernel: [2, 3], attributes: ["strides": .ints([3, 2]), "auto_pad": .string("SAME_UPPER")]),
        Case(kernel: [1, 1], attributes: ["pads": .ints([1, 1, 1, 1])]),
    ]

    @Test(arguments: cases)
    func matchesTheReference(_ c: Case) throws {
        var random = TinyGraphs.Generator(state: 11)
        var initializers: [String: Tensor] = ["w": random.tensor([c.channels, c.outPerGroup] + c.kernel)]
        if c.bias { initializers["b"] = random.tensor([c.outPerGroup * c.group]) }
        var attributes = c.attributes
        attributes["group"] = .int(c.group)
        let node = Node(name: "deconv", opType: "ConvTranspose", inputs: c.bias ? ["x", "w", "b"] : ["x", "w"], outputs: ["y"], attributes: attributes)
        let shape = [2, c.channels] + c.input
        let probe = Graph(inputs: [TinyGraphs.input("x", shape)], outputs: [ValueInfo(name: "y", dtype: .float32, dims: [])],
                          initializers: initializers, nodes: [node])
        let typed = try Compiler.analyze(probe, options: .init(runPasses: false)).0
        let outShape = try #require(typed.types["y"]?.shape)
        let graph = Graph(inputs: [TinyGraphs.input("x", shape)], outputs: [TinyGraphs.input("y", outShape)], initializers: initializers,
                          nodes: [node])
        let model = try Compiler.compile(graph)
        #expect(model.report.referenceSteps.isEmpty && model.report.steps.contains { $0.kind.hasPrefix("convtranspose") },
                "\(model.report.steps.map(\.kind))")
        let x = random.tensor(shape, scale: 2)
        let actual = try model.run([x])[0]
        let expected = try ReferenceInterpreter.run(typed, inputs: ["x": x])[0]
        #expect(actual.shape == expected.shape)
        let worst = zip(actual.floats, expected.floats).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? .infinity
        #expect(worst <= 1e-5, "\(c): \(shape) → \(outShape) differs by \(worst)")
    }
}
