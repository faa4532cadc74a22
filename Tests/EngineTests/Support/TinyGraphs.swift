import Engine
import EngineIR
import Testing

/// Small graphs and random tensors for pass and operator tests.
enum TinyGraphs {
    struct Generator {
        var state: UInt64
        mutating func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int((state >> 33) % 2_000_001) - 1_000_000) / 1_000_000
        }
        mutating func tensor(_ shape: [Int], scale: Float = 1) -> Tensor {
            Tensor(shape: shape, floats: (0..<shape.reduce(1, *)).map { _ in next() * scale })
        }
    }

    /// Runs one pass on a copy of the graph.
    static func applying(_ pass: any GraphPass, to graph: TypedGraph) throws -> (TypedGraph, [String]) {
        var copy = graph
        let changes = try pass.run(&copy)
        return (copy, changes)
    }

    static func input(_ name: String, _ shape: [Int]) -> ValueInfo { ValueInfo(name: name, dtype: .float32, dims: shape.map { .value($0) }) }

    /// x[1,4,6,6] → Conv(3×3, pad 1, 8 out) → …`tail` nodes, whose last output is "y".
    static func convGraph(tail: [Node], extraInitializers: [String: Tensor] = [:], seed: UInt64 = 1) -> Graph {
        var random = Generator(state: seed)
        var initializers: [String: Tensor] = ["w": random.tensor([8, 4, 3, 3]), "b": random.tensor([8])]
        initializers.merge(extraInitializers) { _, new in new }
        let conv = Node(name: "conv", opType: "Conv", inputs: ["x", "w", "b"], outputs: ["c"],
                        attributes: ["pads": .ints([1, 1, 1, 1]), "kernel_shape": .ints([3, 3])])
        return Graph(inputs: [input("x", [1, 4, 6, 6])], outputs: [input("y", [1, 8, 6, 6])], initializers: initializers,
                     nodes: [conv] + tail)
    }

    /// Before/after: the pass changes something, and outputs on random input stay equal.
    static func checkPass(_ pass: any GraphPass, _ graph: Graph, inputs: [String: [Int]] = ["x": [1, 4, 6, 6]],
                          tolerance: Float = 1e-5, expectChange: Bool = true) throws -> (TypedGraph, [String]) {
        let (before, _) = try Compiler.analyze(graph, options: .init(runPasses: false))
        let (after, changes) = try applying(pass, to: before)
        #expect(!changes.isEmpty == expectChange, "\(pass.name): changes \(changes)")
        var random = Generator(state: 7)
        let feeds = inputs.mapValues { random.tensor($0, scale: 4) }
        let expected = try ReferenceInterpreter.run(before, inputs: feeds)
        let actual = try ReferenceInterpreter.run(after, inputs: feeds)
        for (a, b) in zip(actual, expected) {
            #expect(a.shape == b.shape)
            let worst = zip(a.floats, b.floats).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            #expect(worst <= tolerance, "\(pass.name): outputs differ by \(worst)")
        }
        return (after, changes)
    }
}
