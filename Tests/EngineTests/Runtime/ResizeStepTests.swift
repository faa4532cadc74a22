import Engine
import EngineIR
import Testing

/// The Resize step against the reference, in every mode and coordinate transform the reference
/// takes, up and down, by scales and by sizes: equal outputs, and no reference step left.
@Suite struct ResizeStepTests {
    static let cases: [(mode: String, transform: String, nearest: String)] = [
        ("nearest", "asymmetric", "floor"), ("nearest", "half_pixel", "round_prefer_floor"), ("nearest", "align_corners", "round_prefer_ceil"),
        ("nearest", "pytorch_half_pixel", "ceil"), ("linear", "half_pixel", ""), ("linear", "align_corners", ""),
        ("linear", "asymmetric", ""), ("linear", "pytorch_half_pixel", ""),
    ]

    @Test(arguments: cases, [([1, 3, 5, 7], [1, 3, 10, 14], true), ([2, 2, 8, 6], [2, 2, 3, 4], false), ([1, 1, 4, 4], [1, 1, 1, 9], false)])
    func matchesTheReference(kind: (mode: String, transform: String, nearest: String), shapes: ([Int], [Int], Bool)) throws {
        let (inShape, outShape, byScales) = shapes
        var attributes: [String: Attribute] = ["mode": .string(kind.mode), "coordinate_transformation_mode": .string(kind.transform)]
        if !kind.nearest.isEmpty { attributes["nearest_mode"] = .string(kind.nearest) }
        let scales = zip(outShape, inShape).map { Float($0) / Float($1) }
        let initializers: [String: Tensor] = byScales
            ? ["scales": Tensor(shape: [4], floats: scales)]
            : ["sizes": Tensor(shape: [4], int64s: outShape.map(Int64.init))]
        let node = Node(name: "resize", opType: "Resize", inputs: byScales ? ["x", "", "scales"] : ["x", "", "", "sizes"], outputs: ["y"],
                        attributes: attributes)
        let graph = Graph(inputs: [TinyGraphs.input("x", inShape)], outputs: [TinyGraphs.input("y", outShape)], initializers: initializers,
                          nodes: [node])
        let model = try Compiler.compile(graph)
        #expect(model.report.referenceSteps.isEmpty && model.report.steps.contains { $0.kind.hasPrefix("resize") }, "\(model.report.steps.map(\.kind))")
        var random = TinyGraphs.Generator(state: 3)
        let x = random.tensor(inShape, scale: 5)
        let actual = try model.run([x])[0]
        let expected = try ReferenceInterpreter.run(try Compiler.analyze(graph, options: .init(runPasses: false)).0, inputs: ["x": x])[0]
        #expect(actual.shape == outShape && expected.shape == outShape)
        let worst = zip(actual.floats, expected.floats).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 2e-6, "\(kind) \(inShape)→\(outShape): differs by \(worst)")
    }
}
