import EngineIR

/// What the passes that fold a per-output-channel affine map y = m·conv(x) + s into a
/// convolution share (BatchNormalization, Mul by a constant, Add of a constant):
/// W'[o] = m[o]·W[o] and b'[o] = m[o]·b[o] + s[o]. A ConvTranspose's weights are [C, M/group, k…]:
/// output channel o = group(c)·M/group + m.
extension TypedGraph {
    /// A Conv or ConvTranspose, or a FusedConv without activation or residual: its output is
    /// W·x + b and nothing else.
    func isPlainConv(_ node: Node) -> Bool {
        if (node.opType == "Conv" || node.opType == "ConvTranspose") && node.domain.isEmpty { return true }
        return node.opType == "FusedConv" && node.domain == FusedOps.domain && (node.int("activation") ?? 0) == 0 && node.inputs.count <= 3
    }

    /// One value per channel of a tensor of `shape` from a constant that broadcasts along
    /// channels only ([1, M, 1, 1], [M, 1, 1], or a scalar); nil for anything else.
    func perChannelValues(_ constant: Tensor, _ shape: [Int]) -> [Float]? {
        guard shape.count >= 2, constant.dtype == .float32 else { return nil }
        let channels = shape[1]
        if constant.count == 1 { return Array(repeating: constant.floats[0], count: channels) }
        let padded = Array(repeating: 1, count: max(0, shape.count - constant.shape.count)) + constant.shape
        guard padded.count == shape.count, padded[1] == channels, padded.enumerated().allSatisfy({ $0.offset == 1 || $0.element == 1 }) else { return nil }
        return constant.floats
    }

    /// Folds m·conv + s into the plain convolution at `index`, which then writes `output`; false
    /// (and nothing changed) when its weights are not constant or the channel counts disagree.
    mutating func foldOutputAffine(into index: Int, multiplier: [Float], shift: [Float], output: String) -> Bool {
        var conv = nodes[index]
        guard isPlainConv(conv), conv.inputs.count > 1, let weight = constants[conv.inputs[1]], weight.dtype == .float32 else { return false }
        let outChannels: Int
        var w = weight.floats
        if conv.opType == "ConvTranspose" {
            let group = conv.int("group") ?? 1, inChannels = weight.shape[0], perGroup = weight.shape[1]
            let kernel = weight.count / max(1, inChannels * perGroup)
            outChannels = perGroup * group
            guard multiplier.count == outChannels, shift.count == outChannels, inChannels % group == 0 else { return false }
            for c in 0..<inChannels {
                for m in 0..<perGroup {
                    let o = c / (inChannels / group) * perGroup + m
                    for i in 0..<kernel { w[(c * perGroup + m) * kernel + i] *= multiplier[o] }
                }
            }
        } else {
            outChannels = weight.shape[0]
            guard multiplier.count == outChannels, shift.count == outChannels else { return false }
            let perChannel = weight.count / max(1, outChannels)
            for o in 0..<outChannels { for i in 0..<perChannel { w[o * perChannel + i] *= multiplier[o] } }
        }
        let oldBias = conv.inputs.count > 2 && !conv.inputs[2].isEmpty ? constants[conv.inputs[2]]?.floats : nil
        let bias = (0..<outChannels).map { o in multiplier[o] * (oldBias?[o] ?? 0) + shift[o] }
        let weightName = output + "/folded_weight", biasName = output + "/folded_bias"
        constants[weightName] = Tensor(shape: weight.shape, floats: w)
        constants[biasName] = Tensor(shape: [outChannels], floats: bias)
        types[weightName] = ValueType(.float32, weight.shape)
        types[biasName] = ValueType(.float32, [outChannels])
        conv.inputs = [conv.inputs[0], weightName, biasName] + conv.inputs.dropFirst(3)
        conv.outputs = [output]
        nodes[index] = conv
        return true
    }
}
