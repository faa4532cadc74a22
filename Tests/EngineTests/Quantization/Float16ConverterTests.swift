import Engine
import EngineIR
import Testing

/// FP16 variants store every float weight as float16 — initializers and Constant-node values
/// alike (Paddle2ONNX writes weights as Constants) — and compute what the FP32 graph computes,
/// within float16 rounding.
@Suite struct Float16ConverterTests {
    @Test func constantNodeWeightsAreStoredAsFloat16() throws {
        var random = TinyGraphs.Generator(state: 7)
        let weights = random.tensor([4, 3])
        let graph = Graph(inputs: [TinyGraphs.input("x", [2, 4])], outputs: [TinyGraphs.input("y", [2, 3])],
                          initializers: ["b": random.tensor([3])],
                          nodes: [Node(name: "w", opType: "Constant", inputs: [], outputs: ["w"], attributes: ["value": .tensor(weights)]),
                                  Node(name: "mm", opType: "MatMul", inputs: ["x", "w"], outputs: ["m"]),
                                  Node(name: "add", opType: "Add", inputs: ["m", "b"], outputs: ["y"])])
        let (half, converted) = Float16Converter.convert(graph)
        #expect(converted == 2)
        #expect(half.nodes.first { $0.opType == "Constant" }?.tensor("value")?.dtype == .float16)
        #expect(half.nodes.contains { $0.opType == "Cast" && $0.inputs == ["w/fp16"] && $0.outputs == ["w"] })
        let x = random.tensor([2, 4])
        let expected = try Compiler.compile(graph).run([x])[0].floats
        let actual = try Compiler.compile(half).run([x])[0].floats
        for (a, e) in zip(actual, expected) { #expect(abs(a - e) <= 4e-3 * max(1, abs(e)), "\(a) vs \(e)") }
    }
}
