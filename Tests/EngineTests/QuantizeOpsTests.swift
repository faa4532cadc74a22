import Engine
import EngineIR
import Testing

/// QuantizeLinear / DequantizeLinear: semantics (round half to even, saturation, per-axis) and
/// hostile parameters (scales ≤ 0 or NaN, zero points out of range, mismatched axis).
@Suite struct QuantizeOpsTests {
    func graph(_ op: String, x: ValueInfo, scale: Tensor, zero: Tensor?, axis: Int? = nil) -> Graph {
        var initializers = ["scale": scale]
        if let zero { initializers["zero"] = zero }
        let out = ValueInfo(name: "y", dtype: op == "QuantizeLinear" ? (zero?.dtype ?? .uint8) : .float32, dims: x.dims)
        return Graph(inputs: [x], outputs: [out], initializers: initializers,
                     nodes: [Node(name: "q", opType: op, inputs: ["x", "scale"] + (zero == nil ? [] : ["zero"]), outputs: ["y"],
                                  attributes: axis.map { ["axis": .int($0)] } ?? [:])])
    }

    let floats = ValueInfo(name: "x", dtype: .float32, dims: [.value(2), .value(3)])

    @Test func quantizeRoundsHalfToEvenAndSaturates() throws {
        let model = try Compiler.compile(graph("QuantizeLinear", x: floats, scale: Tensor(shape: [], floats: [0.5]),
                                               zero: Tensor(shape: [], storage: .int8([1]))))
        let y = try model.run([Tensor(shape: [2, 3], floats: [0.25, 0.75, -0.25, 100, -100, 1.25])])[0]
        #expect(y.storage == .int8([1, 3, 1, 127, -128, 3]))
    }

    @Test func dequantizePerAxis() throws {
        let x = ValueInfo(name: "x", dtype: .uint8, dims: [.value(2), .value(3)])
        let model = try Compiler.compile(graph("DequantizeLinear", x: x, scale: Tensor(shape: [2], floats: [0.5, 2]),
                                               zero: Tensor(shape: [2], storage: .uint8([10, 0])), axis: 0))
        let y = try model.run([Tensor(shape: [2, 3], storage: .uint8([10, 12, 20, 1, 2, 3]))])[0]
        #expect(y.floats == [0, 1, 5, 2, 4, 6])
    }

    @Test(arguments: [Float(0), -1, .nan, .infinity])
    func badScaleIsAClearError(scale: Float) {
        #expect(throws: EngineError.self) {
            try Compiler.compile(graph("QuantizeLinear", x: floats, scale: Tensor(shape: [], floats: [scale]), zero: nil))
        }
    }

    /// DequantizeLinear's zero point has x's type; a mismatch is refused, not reinterpreted.
    @Test func zeroPointOfAnotherType() {
        do {
            _ = try Compiler.compile(graph("DequantizeLinear", x: ValueInfo(name: "x", dtype: .uint8, dims: [.value(3)]),
                                           scale: Tensor(shape: [], floats: [1]), zero: Tensor(shape: [], storage: .int32([300]))))
            Issue.record("compiled a uint8 DequantizeLinear with an int32 zero point")
        } catch {
            #expect(error.message.contains("zero point is int32, input is uint8"), "\(error)")
        }
    }

    @Test func mismatchedAxis() {
        do {
            _ = try Compiler.compile(graph("DequantizeLinear", x: ValueInfo(name: "x", dtype: .uint8, dims: [.value(2), .value(3)]),
                                           scale: Tensor(shape: [3], floats: [1, 1, 1]), zero: nil, axis: 0))
            Issue.record("compiled a per-axis scale of 3 values on an axis of 2")
        } catch {
            #expect(error.message.contains("does not fit"), "\(error)")
        }
    }
}

@Suite struct MissingQDQPartnerTests {
    /// QuantizeLinear feeding a Conv with no DequantizeLinear between: a clear compile-time error.
    @Test func quantizedValueIntoFloatConv() {
        let graph = Graph(
            inputs: [ValueInfo(name: "x", dtype: .float32, dims: [.value(1), .value(2), .value(4), .value(4)])],
            outputs: [ValueInfo(name: "y", dtype: .float32, dims: [.value(1), .value(3), .value(4), .value(4)])],
            initializers: ["s": Tensor(shape: [], floats: [0.1]), "z": Tensor(shape: [], storage: .uint8([128])),
                           "w": Tensor(shape: [3, 2, 1, 1], floats: [1, 2, 3, 4, 5, 6])],
            nodes: [Node(name: "q", opType: "QuantizeLinear", inputs: ["x", "s", "z"], outputs: ["xq"]),
                    Node(name: "conv", opType: "Conv", inputs: ["xq", "w"], outputs: ["y"])])
        do {
            _ = try Compiler.compile(graph)
            Issue.record("compiled a Conv on a quantized value")
        } catch {
            #expect(error.message.contains("'conv' (Conv): Conv of uint8"), "\(error)")
        }
    }
}
