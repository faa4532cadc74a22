import Engine
import EngineIR
import Testing

/// DynamicQuantizeLinear, ConvInteger and MatMulInteger: exact integer semantics, zero points
/// per tensor and per channel, and hostile values (NaN, all zeros) without a crash.
@Suite struct IntegerOpsTests {
    func run(_ node: Node, inputs: [ValueInfo], outputs: [ValueInfo], initializers: [String: Tensor] = [:],
             _ values: [Tensor]) throws -> [Tensor] {
        try Compiler.compile(Graph(inputs: inputs, outputs: outputs, initializers: initializers, nodes: [node])).run(values)
    }

    func info(_ name: String, _ dtype: DType, _ shape: [Int]) -> ValueInfo { ValueInfo(name: name, dtype: dtype, dims: shape.map { .value($0) }) }

    @Test func dynamicQuantizeLinearFollowsTheSpecExample() throws {
        // ONNX's own example: x = [0, 2, −3, −2.5, 1.34, 0.5] → scale 5/255, zero point 153; 0.5 is 25.5 steps, a tie to even.
        let node = Node(name: "dq", opType: "DynamicQuantizeLinear", inputs: ["x"], outputs: ["y", "s", "z"])
        let out = try run(node, inputs: [info("x", .float32, [6])],
                          outputs: [info("y", .uint8, [6]), info("s", .float32, []), info("z", .uint8, [])],
                          [Tensor(shape: [6], floats: [0, 2, -3, -2.5, 1.34, 0.5])])
        #expect(out[0].storage == .uint8([153, 255, 0, 26, 221, 179]))
        #expect(abs(out[1].floats[0] - 5.0 / 255) < 1e-7)
        #expect(out[2].storage == .uint8([153]))
    }

    @Test func dynamicQuantizeLinearSurvivesNaNAndZeros() throws {
        let node = Node(name: "dq", opType: "DynamicQuantizeLinear", inputs: ["x"], outputs: ["y", "s", "z"])
        let outputs = [info("y", .uint8, [3]), info("s", .float32, []), info("z", .uint8, [])]
        let nan = try run(node, inputs: [info("x", .float32, [3])], outputs: outputs, [Tensor(shape: [3], floats: [.nan, 1, -1])])
        let q = nan[0].ints
        #expect(q[0] == nan[2].ints[0] && q[1] >= 254 && q[2] == 0, "\(q), zero point \(nan[2].ints)")
        let zeros = try run(node, inputs: [info("x", .float32, [3])], outputs: outputs, [Tensor(shape: [3], floats: [0, 0, 0])])
        #expect(zeros[0].storage == .uint8([0, 0, 0]) && zeros[1].floats == [0])
    }

    @Test func convIntegerSubtractsZeroPointsPerChannel() throws {
        // 1×1×3×3 input, two 2×2 filters with per-channel zero points, padding reads x's zero point.
        let node = Node(name: "ci", opType: "ConvInteger", inputs: ["x", "w", "xz", "wz"], outputs: ["y"],
                        attributes: ["kernel_shape": .ints([2, 2]), "pads": .ints([0, 0, 1, 1])])
        let w = Tensor(shape: [2, 1, 2, 2], storage: .int8([1, 2, 3, 4, 5, 5, 5, 5]))
        let out = try run(node, inputs: [info("x", .uint8, [1, 1, 3, 3])], outputs: [info("y", .int32, [1, 2, 3, 3])],
                          initializers: ["w": w, "xz": Tensor(shape: [], storage: .uint8([1])), "wz": Tensor(shape: [2], storage: .int8([0, 4]))],
                          [Tensor(shape: [1, 1, 3, 3], storage: .uint8([1, 2, 3, 4, 5, 6, 7, 8, 9]))])[0]
        // x − 1 = [[0,1,2],[3,4,5],[6,7,8]]; filter 0 = [[1,2],[3,4]]; filter 1 − 4 = all ones.
        let filter0: [Int] = [0 + 2 + 9 + 16, 1 + 4 + 12 + 20, 2 + 0 + 15 + 0, 3 + 8 + 18 + 28, 4 + 10 + 21 + 32, 5 + 0 + 24 + 0,
                              6 + 14 + 0 + 0, 7 + 16 + 0 + 0, 8]
        let filter1: [Int] = [8, 12, 7, 20, 24, 13, 13, 15, 8]
        #expect(out.ints == filter0 + filter1)
    }

    @Test func matMulIntegerWithRowAndColumnZeroPoints() throws {
        let node = Node(name: "mi", opType: "MatMulInteger", inputs: ["a", "b", "az", "bz"], outputs: ["y"])
        let out = try run(node, inputs: [info("a", .uint8, [2, 2])], outputs: [info("y", .int32, [2, 2])],
                          initializers: ["b": Tensor(shape: [2, 2], storage: .int8([1, -1, 2, 3])),
                                         "az": Tensor(shape: [2], storage: .uint8([10, 0])), "bz": Tensor(shape: [2], storage: .int8([0, 1]))],
                          [Tensor(shape: [2, 2], storage: .uint8([11, 12, 3, 4]))])[0]
        // (a − az) = [[1,2],[3,4]]; (b − bz) = [[1,−2],[2,2]].
        #expect(out.ints == [5, 2, 11, 2])
    }

    @Test func zeroPointOfTheWrongLengthIsAClearError() {
        let node = Node(name: "mi", opType: "MatMulInteger", inputs: ["a", "b", "", "bz"], outputs: ["y"])
        do {
            _ = try run(node, inputs: [info("a", .uint8, [2, 2])], outputs: [info("y", .int32, [2, 2])],
                        initializers: ["b": Tensor(shape: [2, 2], storage: .int8([1, 1, 1, 1])), "bz": Tensor(shape: [3], storage: .int8([0, 0, 0]))],
                        [Tensor(shape: [2, 2], storage: .uint8([1, 2, 3, 4]))])
            Issue.record("ran MatMulInteger with 3 zero points for 2 columns")
        } catch {
            #expect("\(error)".contains("zero point has 3 values"), "\(error)")
        }
    }
}
