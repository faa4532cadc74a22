import EngineIR

/// Add(conv(x), c) with a constant c of one value per output channel ([1, M, 1, 1], [M, 1, 1],
/// or a scalar) folds into the convolution's (or ConvTranspose's) bias — Paddle exports Conv and
/// its bias this way.
public struct FuseConvBias: GraphPass {
    public init() {}
    public let name = "FuseConvBias"

    public func run(_ graph: inout TypedGraph) throws(EngineError) -> [String] {
        var changes: [String] = []
        var index = 0
        while index < graph.nodes.count {
            let add = graph.nodes[index]
            guard add.opType == "Add", add.domain.isEmpty, add.inputs.count == 2,
                let side = [0, 1].first(where: { graph.constants[add.inputs[1 - $0]] != nil && graph.producer(of: add.inputs[$0]) != nil }),
                let convIndex = graph.producer(of: add.inputs[side]), graph.soleReader(of: add.inputs[side]) == index,
                graph.isPlainConv(graph.nodes[convIndex]),
                let out = graph.types[add.inputs[side]], graph.types[add.outputs[0]] == out,
                let constant = graph.constants[add.inputs[1 - side]], let perChannel = graph.perChannelValues(constant, out.shape)
            else {
                index += 1
                continue
            }
            var conv = graph.nodes[convIndex]
            let old = conv.inputs.count > 2 && !conv.inputs[2].isEmpty ? graph.constants[conv.inputs[2]]?.floats : nil
            let biasName = add.outputs[0] + "/fused_bias"
            graph.constants[biasName] = Tensor(shape: [perChannel.count], floats: perChannel.enumerated().map { $1 + (old?[$0] ?? 0) })
            graph.types[biasName] = ValueType(.float32, [perChannel.count])
            while conv.inputs.count < 3 { conv.inputs.append("") }
            conv.inputs[2] = biasName
            conv.outputs = [add.outputs[0]]
            graph.nodes[convIndex] = conv
            graph.nodes.remove(at: index)
            changes.append("folded \(add.label) into the bias of \(conv.label)")
        }
        return changes
    }
}
