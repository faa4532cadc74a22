import Engine
import EngineIR
import Testing

/// DequantizeLinear → Conv (plain or depthwise) → Relu → QuantizeLinear becomes an integer QConv: the integer result
/// stays within one quantization step of the float-simulated QDQ graph, and the compiled kernels
/// equal the QConv reference exactly.
@Suite struct FuseQDQConvTests {
    func graph(kernel: Int, relu: Bool, depthwise: Bool = false) -> Graph {
        var random = TinyGraphs.Generator(state: 21)
        let channels = 5, outChannels = depthwise ? 5 : 7, perGroup = depthwise ? 1 : channels
        let weights = (0..<outChannels * perGroup * kernel * kernel).map { _ in Int8(clamping: Int(random.next() * 127)) }
        let wScales = (0..<outChannels).map { _ in 0.002 + 0.003 * abs(random.next()) }
        let bias = (0..<outChannels).map { _ in Int32(random.next() * 3000) }
        let initializers: [String: Tensor] = [
            "w_q": Tensor(shape: [outChannels, perGroup, kernel, kernel], storage: .int8(weights)),
            "w_scale": Tensor(shape: [outChannels], floats: wScales), "w_zero": Tensor(shape: [outChannels], storage: .int8(Array(repeating: 0, count: outChannels))),
            "b_q": Tensor(shape: [outChannels], storage: .int32(bias)), "b_scale": Tensor(shape: [outChannels], floats: wScales.map { $0 * 0.05 }),
            "x_scale": Tensor(shape: [], floats: [0.05]), "x_zero": Tensor(shape: [], storage: .uint8([120])),
            "y_scale": Tensor(shape: [], floats: [0.08]), "y_zero": Tensor(shape: [], storage: .uint8([relu ? 0 : 128])),
        ]
        var nodes = [
            Node(name: "dqx", opType: "DequantizeLinear", inputs: ["x", "x_scale", "x_zero"], outputs: ["xf"]),
            Node(name: "dqw", opType: "DequantizeLinear", inputs: ["w_q", "w_scale", "w_zero"], outputs: ["wf"], attributes: ["axis": .int(0)]),
            Node(name: "dqb", opType: "DequantizeLinear", inputs: ["b_q", "b_scale"], outputs: ["bf"], attributes: ["axis": .int(0)]),
            Node(name: "conv", opType: "Conv", inputs: ["xf", "wf", "bf"], outputs: ["c"],
                 attributes: ["pads": .ints(Array(repeating: kernel / 2, count: 4)), "kernel_shape": .ints([kernel, kernel]),
                              "group": .int(depthwise ? channels : 1)]),
        ]
        if relu { nodes.append(Node(name: "relu", opType: "Relu", inputs: ["c"], outputs: ["r"])) }
        nodes.append(Node(name: "q", opType: "QuantizeLinear", inputs: [relu ? "r" : "c", "y_scale", "y_zero"], outputs: ["y"]))
        return Graph(inputs: [ValueInfo(name: "x", dtype: .uint8, dims: [.value(1), .value(channels), .value(9), .value(11)])],
                     outputs: [ValueInfo(name: "y", dtype: .uint8, dims: [.value(1), .value(outChannels), .value(9), .value(11)])],
                     initializers: initializers, nodes: nodes)
    }

    @Test(arguments: [(1, false, false), (3, true, false), (3, false, false), (3, false, true), (5, true, true)])
    func integerConvMatchesTheQDQGraph(kernel: Int, relu: Bool, depthwise: Bool) throws {
        let source = graph(kernel: kernel, relu: relu, depthwise: depthwise)
        let (before, _) = try Compiler.analyze(source, options: .init(runPasses: false))
        let (after, changes) = try TinyGraphs.applying(FuseQDQConv(), to: before)
        #expect(changes.count == 1)
        #expect(after.nodes.contains { $0.opType == "QConv" })
        var random = TinyGraphs.Generator(state: 5)
        let x = Tensor(shape: [1, 5, 9, 11], storage: .uint8((0..<495).map { _ in UInt8((random.next() + 1) * 127.5) }))
        let simulated = try ReferenceInterpreter.run(before, inputs: ["x": x])[0].ints
        let integer = try ReferenceInterpreter.run(after, inputs: ["x": x])[0].ints
        let worst = zip(simulated, integer).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1, "integer QConv differs from the float-simulated QDQ graph by \(worst) steps")
        for isa in ISALevel.runnableHere {
            let compiled = try Compiler.compile(source, options: .init(isa: isa))
            #expect(compiled.report.steps.contains { $0.kind.hasPrefix(depthwise ? "qdepthwise" : "qconv") }, "\(compiled.report.steps)")
            #expect(try compiled.run([x])[0].ints == integer, "\(isa): kernels differ from the QConv reference")
        }
    }
}
