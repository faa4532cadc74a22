import Engine
import EngineIR
import Testing

/// Each pass on a tiny graph: it rewrites what it should, and outputs on random input stay equal.
@Suite struct PassTests {
    @Test func eliminateIdentityAndDropout() throws {
        let graph = TinyGraphs.convGraph(tail: [
            Node(name: "id", opType: "Identity", inputs: ["c"], outputs: ["i"]),
            Node(name: "drop", opType: "Dropout", inputs: ["i"], outputs: ["d"]),
            Node(name: "relu", opType: "Relu", inputs: ["d"], outputs: ["y"]),
        ])
        let (after, changes) = try TinyGraphs.checkPass(EliminateIdentity(), graph)
        #expect(changes.count == 2)
        #expect(after.nodes.map(\.opType) == ["Conv", "Relu"])
    }

    /// Shape → Gather → Concat → Reshape becomes a constant once the batch is fixed.
    @Test func foldShapeChains() throws {
        let graph = TinyGraphs.convGraph(tail: [
            Node(name: "shape", opType: "Shape", inputs: ["c"], outputs: ["s"]),
            Node(name: "gather", opType: "Gather", inputs: ["s", "zero"], outputs: ["n"], attributes: ["axis": .int(0)]),
            Node(name: "unsq", opType: "Unsqueeze", inputs: ["n", "axes0"], outputs: ["n1"]),
            Node(name: "concat", opType: "Concat", inputs: ["n1", "minus1"], outputs: ["target"], attributes: ["axis": .int(0)]),
            Node(name: "reshape", opType: "Reshape", inputs: ["c", "target"], outputs: ["flat"]),
            Node(name: "back", opType: "Reshape", inputs: ["flat", "full"], outputs: ["y"]),
        ], extraInitializers: [
            "zero": Tensor(shape: [], int64s: [0]), "axes0": Tensor(shape: [1], int64s: [0]), "minus1": Tensor(shape: [1], int64s: [-1]),
            "full": Tensor(shape: [4], int64s: [1, 8, 6, 6]),
        ])
        let (after, changes) = try TinyGraphs.checkPass(FoldConstants(), graph)
        #expect(changes.contains("folded 1 × Shape"))
        #expect(after.nodes.map(\.opType) == ["Conv", "Reshape", "Reshape"])
        #expect(after.constants["target"] == Tensor(shape: [2], int64s: [1, -1]))
    }

    @Test func foldBatchNormIntoConv() throws {
        var random = TinyGraphs.Generator(state: 3)
        var variance = random.tensor([8])
        variance.storage = .float32(variance.floats.map { abs($0) + 0.5 })
        let graph = TinyGraphs.convGraph(tail: [
            Node(name: "bn", opType: "BatchNormalization", inputs: ["c", "scale", "shift", "mean", "var"], outputs: ["y"],
                 attributes: ["epsilon": .float(1e-3)]),
        ], extraInitializers: ["scale": random.tensor([8]), "shift": random.tensor([8]), "mean": random.tensor([8]), "var": variance])
        let (after, _) = try TinyGraphs.checkPass(FuseConvBatchNorm(), graph)
        #expect(after.nodes.map(\.opType) == ["Conv"])
    }

    /// After a ConvTranspose (weights [C, M/group, k…]), with and without groups and bias.
    @Test(arguments: [(1, true), (2, false)])
    func foldBatchNormIntoConvTranspose(group: Int, bias: Bool) throws {
        var random = TinyGraphs.Generator(state: 5)
        let variance = Tensor(shape: [6], floats: (0..<6).map { _ in abs(random.next()) + 0.1 })
        var initializers: [String: Tensor] = ["w": random.tensor([4, 6 / group, 4, 4]), "scale": random.tensor([6]), "shift": random.tensor([6]),
                                              "mean": random.tensor([6]), "var": variance]
        if bias { initializers["b"] = random.tensor([6]) }
        let graph = Graph(inputs: [TinyGraphs.input("x", [1, 4, 5, 5])], outputs: [TinyGraphs.input("y", [1, 6, 10, 10])],
                          initializers: initializers, nodes: [
                              Node(name: "deconv", opType: "ConvTranspose", inputs: bias ? ["x", "w", "b"] : ["x", "w"], outputs: ["c"],
                                   attributes: ["strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1]), "group": .int(group)]),
                              Node(name: "bn", opType: "BatchNormalization", inputs: ["c", "scale", "shift", "mean", "var"], outputs: ["y"]),
                          ])
        let (after, _) = try TinyGraphs.checkPass(FuseConvBatchNorm(), graph, inputs: ["x": [1, 4, 5, 5]])
        #expect(after.nodes.map(\.opType) == ["ConvTranspose"])
    }

    /// Paddle's ConvTranspose → Add(bias) → BatchNormalization becomes one ConvTranspose.
    @Test func aConvTransposeBiasAddAndBatchNormFoldIntoIt() throws {
        var random = TinyGraphs.Generator(state: 6)
        let variance = Tensor(shape: [6], floats: (0..<6).map { _ in abs(random.next()) + 0.1 })
        let graph = Graph(inputs: [TinyGraphs.input("x", [1, 4, 5, 5])], outputs: [TinyGraphs.input("y", [1, 6, 10, 10])],
                          initializers: ["w": random.tensor([4, 6, 2, 2]), "bias": random.tensor([1, 6, 1, 1]), "scale": random.tensor([6]),
                                         "shift": random.tensor([6]), "mean": random.tensor([6]), "var": variance],
                          nodes: [
                              Node(name: "deconv", opType: "ConvTranspose", inputs: ["x", "w"], outputs: ["c"], attributes: ["strides": .ints([2, 2])]),
                              Node(name: "add", opType: "Add", inputs: ["c", "bias"], outputs: ["d"]),
                              Node(name: "bn", opType: "BatchNormalization", inputs: ["d", "scale", "shift", "mean", "var"], outputs: ["y"]),
                          ])
        let (before, _) = try Compiler.analyze(graph, options: .init(runPasses: false))
        var after = before
        _ = try PassPipeline.run(&after)
        #expect(after.nodes.map(\.opType) == ["ConvTranspose"])
        var feeds = TinyGraphs.Generator(state: 8)
        let x = feeds.tensor([1, 4, 5, 5], scale: 3)
        let expected = try ReferenceInterpreter.run(before, inputs: ["x": x])[0], actual = try ReferenceInterpreter.run(after, inputs: ["x": x])[0]
        #expect(zip(actual.floats, expected.floats).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) })
    }

    @Test func foldConstantAddIntoConvBias() throws {
        var random = TinyGraphs.Generator(state: 4)
        let graph = TinyGraphs.convGraph(tail: [Node(name: "add", opType: "Add", inputs: ["c", "offset"], outputs: ["y"])],
                                         extraInitializers: ["offset": random.tensor([1, 8, 1, 1])])
        let (after, _) = try TinyGraphs.checkPass(FuseConvBias(), graph)
        #expect(after.nodes.map(\.opType) == ["Conv"])
    }

    /// Mul by a per-channel constant, and by a scalar on the left, then the bias Add: one Conv.
    @Test(arguments: [[1, 8, 1, 1], []])
    func foldConstantMulIntoConv(shape: [Int]) throws {
        var random = TinyGraphs.Generator(state: 9)
        let graph = TinyGraphs.convGraph(tail: [
            Node(name: "mul", opType: "Mul", inputs: shape.isEmpty ? ["s", "c"] : ["c", "s"], outputs: ["m"]),
            Node(name: "add", opType: "Add", inputs: ["m", "t"], outputs: ["y"]),
        ], extraInitializers: ["s": random.tensor(shape), "t": random.tensor([1, 8, 1, 1])])
        let (scaled, _) = try TinyGraphs.checkPass(FuseConvScale(), graph)
        #expect(scaled.nodes.map(\.opType) == ["Conv", "Add"])
        let (before, _) = try Compiler.analyze(graph, options: .init(runPasses: false))
        var after = before
        _ = try PassPipeline.run(&after)
        #expect(after.nodes.map(\.opType) == ["Conv"])
    }

    /// A Mul by a tensor that varies along space is not a per-channel scale: nothing changes.
    @Test func mulBySpatialConstantStays() throws {
        var random = TinyGraphs.Generator(state: 10)
        let graph = TinyGraphs.convGraph(tail: [Node(name: "mul", opType: "Mul", inputs: ["c", "s"], outputs: ["y"])],
                                         extraInitializers: ["s": random.tensor([1, 1, 6, 6])])
        _ = try TinyGraphs.checkPass(FuseConvScale(), graph, expectChange: false)
    }

    /// Hard-swish, then a scalar Mul and Add (PP-LCNetV3's affine block): one FusedConv whose
    /// epilogue applies both, equal to the graph before on random input — through the reference
    /// interpreter and through the compiled kernels.
    @Test(arguments: [true, false])
    func fuseAffineAfterActivation(withAdd: Bool) throws {
        var tail = [Node(name: "act", opType: "HardSwish", inputs: ["c"], outputs: ["h"]),
                    Node(name: "mul", opType: "Mul", inputs: ["k", "h"], outputs: [withAdd ? "m" : "y"])]
        if withAdd { tail.append(Node(name: "add", opType: "Add", inputs: ["m", "t"], outputs: ["y"])) }
        let graph = TinyGraphs.convGraph(tail: tail, extraInitializers: ["k": Tensor(shape: [1], floats: [0.7]),
                                                                        "t": Tensor(shape: [1], floats: [-0.4])])
        let (before, _) = try Compiler.analyze(graph, options: .init(runPasses: false))
        var after = before
        let reports = try PassPipeline.run(&after)
        #expect(after.nodes.map(\.opType) == ["FusedConv"])
        #expect(reports.first { $0.pass == "FuseAffineAfterActivation" }?.changes.count == 1)
        var feeds = TinyGraphs.Generator(state: 11)
        let x = feeds.tensor([1, 4, 6, 6], scale: 4)
        let expected = try ReferenceInterpreter.run(before, inputs: ["x": x])[0], fused = try ReferenceInterpreter.run(after, inputs: ["x": x])[0]
        #expect(zip(fused.floats, expected.floats).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
        for isa in ISALevel.runnableHere {
            let compiled = try Compiler.compile(graph, options: .init(isa: isa)).run([x])[0]
            #expect(zip(compiled.floats, expected.floats).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) }, "\(isa)")
        }
    }

    @Test(arguments: ["Relu", "Clip", "HardSigmoid", "HardSwish"])
    func fuseActivation(op: String) throws {
        let inputs = op == "Clip" ? ["c", "lo", "hi"] : ["c"]
        let graph = TinyGraphs.convGraph(tail: [Node(name: "act", opType: op, inputs: inputs, outputs: ["y"])],
                                         extraInitializers: ["lo": Tensor(shape: [], floats: [0]), "hi": Tensor(shape: [], floats: [6])])
        let (after, _) = try TinyGraphs.checkPass(FuseActivation(), graph)
        #expect(after.nodes.map(\.opType) == ["FusedConv"])
    }

    /// x·Clip(x + 3, 0, 6)/6 in both of the orders exporters write.
    @Test(arguments: [true, false])
    func fuseHardSwishPattern(divideFirst: Bool) throws {
        var tail = [
            Node(name: "add3", opType: "Add", inputs: ["c", "three"], outputs: ["t"]),
            Node(name: "clip", opType: "Clip", inputs: ["t", "zero", "six"], outputs: ["r6"]),
        ]
        if divideFirst {
            tail += [Node(name: "div", opType: "Div", inputs: ["r6", "six"], outputs: ["g"]),
                     Node(name: "mul", opType: "Mul", inputs: ["c", "g"], outputs: ["y"])]
        } else {
            tail += [Node(name: "mul", opType: "Mul", inputs: ["c", "r6"], outputs: ["m"]),
                     Node(name: "div", opType: "Div", inputs: ["m", "six"], outputs: ["y"])]
        }
        let graph = TinyGraphs.convGraph(tail: tail, extraInitializers: [
            "three": Tensor(shape: [], floats: [3]), "zero": Tensor(shape: [], floats: [0]), "six": Tensor(shape: [], floats: [6]),
        ])
        let (after, _) = try TinyGraphs.checkPass(FuseActivation(), graph)
        #expect(after.nodes.map(\.opType) == ["FusedConv"])
    }

    /// SiLU as PyTorch exports it, x·Sigmoid(x), with the Mul's operands in either order; compiled
    /// at every level this CPU runs, the fused epilogue (a vector exp) matches the reference.
    @Test(arguments: [true, false])
    func fuseSwishPattern(gateFirst: Bool) throws {
        let graph = TinyGraphs.convGraph(tail: [
            Node(name: "sig", opType: "Sigmoid", inputs: ["c"], outputs: ["g"]),
            Node(name: "mul", opType: "Mul", inputs: gateFirst ? ["g", "c"] : ["c", "g"], outputs: ["y"]),
        ])
        let (after, _) = try TinyGraphs.checkPass(FuseActivation(), graph)
        #expect(after.nodes.map(\.opType) == ["FusedConv"] && after.nodes[0].int("activation") == 4, "\(after.nodes)")
        let (reference, _) = try Compiler.analyze(graph, options: .init(runPasses: false))
        var random = TinyGraphs.Generator(state: 3)
        let x = random.tensor([1, 4, 6, 6], scale: 4)
        let expected = try ReferenceInterpreter.run(reference, inputs: ["x": x])[0].floats
        for isa in ISALevel.runnableHere {
            let compiled = try Compiler.compile(graph, options: .init(isa: isa))
            let worst = zip(try compiled.run([x])[0].floats, expected).map { abs($0 - $1) }.max() ?? 1
            #expect(worst < 1e-4, "\(isa): \(worst)")
        }
    }

    /// Add(conv(x), r) + Relu: the residual joins the conv epilogue, then the Relu does.
    @Test func fuseResidualAddThenRelu() throws {
        var graph = TinyGraphs.convGraph(tail: [
            Node(name: "add", opType: "Add", inputs: ["c", "x2"], outputs: ["s"]),
            Node(name: "relu", opType: "Relu", inputs: ["s"], outputs: ["y"]),
        ])
        graph.inputs.append(TinyGraphs.input("x2", [1, 8, 6, 6]))
        let inputs = ["x": [1, 4, 6, 6], "x2": [1, 8, 6, 6]]
        let (afterAdd, _) = try TinyGraphs.checkPass(FuseResidualAdd(), graph, inputs: inputs)
        #expect(afterAdd.nodes.map(\.opType) == ["FusedConv", "Relu"])
        var both = afterAdd
        _ = try FuseActivation().run(&both)
        #expect(both.nodes.map(\.opType) == ["FusedConv"])
        #expect(both.nodes[0].inputs.last == "x2")
    }

    /// A residual computed after the conv cannot join it; a broadcast one neither.
    @Test func residualAddNotFusedWhenIllegal() throws {
        let graph = TinyGraphs.convGraph(tail: [
            Node(name: "relu", opType: "Relu", inputs: ["c"], outputs: ["r"]),
            Node(name: "add", opType: "Add", inputs: ["c", "r"], outputs: ["y"]),
        ])
        _ = try TinyGraphs.checkPass(FuseResidualAdd(), graph, expectChange: false)
    }

    @Test func eliminateDeadNodes() throws {
        let graph = TinyGraphs.convGraph(tail: [
            Node(name: "unused", opType: "Sigmoid", inputs: ["c"], outputs: ["z"]),
            Node(name: "relu", opType: "Relu", inputs: ["c"], outputs: ["y"]),
        ])
        let (after, _) = try TinyGraphs.checkPass(EliminateDeadNodes(), graph)
        #expect(after.nodes.map(\.opType) == ["Conv", "Relu"])
    }

    /// The whole pipeline, then the compiled kernels, against the reference on the original.
    @Test func compiledPlanMatchesReference() throws {
        let graph = TinyGraphs.convGraph(tail: [
            Node(name: "relu", opType: "Relu", inputs: ["c"], outputs: ["r"]),
            Node(name: "pool", opType: "MaxPool", inputs: ["r"], outputs: ["p"], attributes: ["kernel_shape": .ints([2, 2]), "strides": .ints([1, 1]), "pads": .ints([0, 0, 1, 1])]),
            Node(name: "mul", opType: "Mul", inputs: ["p", "r"], outputs: ["y"]),
        ])
        let (reference, _) = try Compiler.analyze(graph, options: .init(runPasses: false))
        var random = TinyGraphs.Generator(state: 11)
        let x = random.tensor([1, 4, 6, 6])
        let expected = try ReferenceInterpreter.run(reference, inputs: ["x": x])[0].floats
        for isa in ISALevel.runnableHere {
            let compiled = try Compiler.compile(graph, options: .init(isa: isa))
            let actual = try compiled.run([x])[0].floats
            let worst = zip(actual, expected).map { abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-4, "\(isa): \(worst)")
        }
    }
}
