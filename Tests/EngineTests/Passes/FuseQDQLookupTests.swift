import Engine
import EngineIR
import Testing

/// DQ → elementwise chain of one value → Q becomes a 256-entry table: a hard-swish written out
/// (Add, Clip, Div, Mul(x, ·)) gives the float chain's bytes within one step; a per-channel
/// constant (not a function of the value alone) is left alone.
@Suite struct FuseQDQLookupTests {
    func graph(addend: Tensor) -> Graph {
        let x = ValueInfo(name: "x", dtype: .uint8, dims: [.value(1), .value(2), .value(4), .value(4)])
        return Graph(inputs: [x], outputs: [ValueInfo(name: "y", dtype: .uint8, dims: [.value(1), .value(2), .value(4), .value(4)])],
                     initializers: ["s": Tensor(shape: [], floats: [0.05]), "z": Tensor(shape: [], storage: .uint8([100])),
                                    "ys": Tensor(shape: [], floats: [0.03]), "yz": Tensor(shape: [], storage: .uint8([20])),
                                    "three": addend, "zero": Tensor(shape: [], floats: [0]), "six": Tensor(shape: [], floats: [6])],
                     nodes: [
                        Node(name: "dq", opType: "DequantizeLinear", inputs: ["x", "s", "z"], outputs: ["xf"]),
                        Node(name: "add", opType: "Add", inputs: ["xf", "three"], outputs: ["a"]),
                        Node(name: "clip", opType: "Clip", inputs: ["a", "zero", "six"], outputs: ["c"]),
                        Node(name: "div", opType: "Div", inputs: ["c", "six"], outputs: ["d"]),
                        Node(name: "mul", opType: "Mul", inputs: ["xf", "d"], outputs: ["m"]),
                        Node(name: "q", opType: "QuantizeLinear", inputs: ["m", "ys", "yz"], outputs: ["y"]),
                     ])
    }

    @Test func hardSwishChainBecomesATable() throws {
        let source = graph(addend: Tensor(shape: [], floats: [3]))
        let fused = try Compiler.compile(source)
        #expect(fused.report.steps.count == 1 && fused.report.steps[0].kind.hasPrefix("lookup uint8"), "\(fused.report.steps)")
        let input = Tensor(shape: [1, 2, 4, 4], storage: .uint8((0..<32).map { UInt8($0 * 8) }))
        let float = try Compiler.compile(source, options: .init(runPasses: false)).run([input])[0].ints
        let table = try fused.run([input])[0].ints
        #expect(zip(float, table).allSatisfy { abs($0 - $1) <= 1 }, "\(float) vs \(table)")
        #expect(Set(table).count > 8, "degenerate output")
    }

    @Test func perChannelConstantIsNotATable() throws {
        let source = graph(addend: Tensor(shape: [1, 2, 1, 1], floats: [3, 1]))
        let compiled = try Compiler.compile(source)
        #expect(!compiled.report.steps.contains { $0.kind.hasPrefix("lookup uint8") }, "\(compiled.report.steps)")
    }
}
