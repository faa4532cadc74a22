import CEngineKernels
import EngineIR

/// Chooses the step for each node: a kernel step where one exists for the op, dtype and
/// layout, else the reference step. Also says how much scratch memory a step needs.
struct Lowering {
    let graph: TypedGraph
    let kernels: KernelTable
    /// The pool the multi-threaded steps split their work over.
    let pool: ThreadPool

    /// Scratch bytes a node's kernel needs (im2col columns), or 0.
    func scratchBytes(_ node: Node) -> Int {
        if let geometry = convTransposePlan(node) { return geometry.columnFloats * 4 }
        guard var conv = convPlan(node) else { return 0 }
        if conv.kind == .depthwise {
            return node.opType == "QConv" ? QDepthwiseConvStep.scratchBytes(conv.params) : ep_dwconv_scratch_floats(&conv.params) * 4
        }
        let k = conv.channels / conv.group * Int(conv.params.kh * conv.params.kw), n = Int(conv.params.oh * conv.params.ow)
        if node.opType == "QConv" { return QConvStep.scratchBytes(k: k, n: n, pointwise: ConvStep.isPointwise(conv.params), layout: kernels.qgemmLayout) }
        return ConvStep.scratchBytes(m: conv.outChannels / conv.group, k: k, params: conv.params, kernels: kernels, pool: pool)
    }

    /// 2-D float ConvTranspose with constant weights (and bias, if any); nil otherwise.
    func convTransposePlan(_ node: Node) -> ConvTransposeStep.Geometry? {
        guard node.opType == "ConvTranspose", let x = graph.types[node.inputs[0]], x.dtype == .float32, x.shape.count == 4,
              graph.constants[node.inputs[1]]?.dtype == .float32,
              node.inputs.count < 3 || node.inputs[2].isEmpty || graph.constants[node.inputs[2]]?.dtype == .float32
        else { return nil }
        let context = graph.context(node)
        guard let s = try? ConvTransposeOp().shapes(context) else { return nil }
        return .init(batch: s.batch, channels: s.channels, outChannels: s.outChannels, group: s.group, inH: s.input[0], inW: s.input[1],
                     kH: s.kernel[0], kW: s.kernel[1], outH: s.output[0], outW: s.output[1], strideH: s.strides[0], strideW: s.strides[1],
                     dilationH: s.dilations[0], dilationW: s.dilations[1], padTop: s.padsBegin[0], padLeft: s.padsBegin[1])
    }

    enum ConvKind { case gemm, depthwise }

    struct ConvPlan {
        var kind: ConvKind
        var batch: Int, channels: Int, outChannels: Int, group: Int
        var params: ep_dwconv_params
    }

    /// 1-D and 2-D float convolutions with constant weights; nil otherwise.
    func convPlan(_ node: Node) -> ConvPlan? {
        let integer = node.opType == "QConv"
        guard node.opType == "Conv" || node.opType == "FusedConv" || integer,
            let x = graph.types[node.inputs[0]], let w = graph.types[node.inputs[1]], graph.constants[node.inputs[1]] != nil,
            x.dtype == (integer ? .uint8 : .float32), x.shape.count == 3 || x.shape.count == 4,
            let geometry = try? ConvGeometry.make(node, spatial: Array(x.shape[2...]), kernel: Array(w.shape[2...]))
        else { return nil }
        let twoD = x.shape.count == 4
        func dim(_ values: [Int], _ axis: Int, _ oneD: Int) -> Int32 { Int32(twoD ? values[axis] : (axis == 0 ? oneD : values[0])) }
        let params = ep_dwconv_params(
            ih: dim(geometry.input, 0, 1), iw: dim(geometry.input, 1, 1), kh: dim(geometry.kernel, 0, 1), kw: dim(geometry.kernel, 1, 1),
            oh: dim(geometry.output, 0, 1), ow: dim(geometry.output, 1, 1), stride_h: dim(geometry.strides, 0, 1),
            stride_w: dim(geometry.strides, 1, 1), dilation_h: dim(geometry.dilations, 0, 1), dilation_w: dim(geometry.dilations, 1, 1),
            pad_top: dim(geometry.padsBegin, 0, 0), pad_left: dim(geometry.padsBegin, 1, 0))
        let group = node.int("group") ?? 1
        let depthwise = group == x.shape[1] && w.shape[0] == x.shape[1] && w.shape[1] == 1 && group > 1
        return ConvPlan(kind: depthwise ? .depthwise : .gemm, batch: x.shape[0], channels: x.shape[1], outChannels: w.shape[0],
                        group: group, params: params)
    }

    func step(_ node: Node, location: (String) -> Location?, constant: (String) -> AlignedBuffer?, scratch: Location?) -> any Step {
        if let step = kernelStep(node, location: location, constant: constant, scratch: scratch) { return step }
        let kind = FusedOps.kind(node) ?? OperatorRegistry.all[node.opType]!
        return ReferenceStep(
            operatorKind: kind, node: node, opset: graph.graph.opset,
            inputs: node.inputs.map { name in name.isEmpty ? nil : location(name).flatMap { l in graph.types[name].map { (l, $0) } } },
            constants: node.inputs.map { $0.isEmpty ? nil : graph.constants[$0] },
            outputs: node.outputs.map { name in name.isEmpty ? nil : location(name).flatMap { l in graph.types[name].map { (l, $0) } } })
    }

    private func kernelStep(_ node: Node, location: (String) -> Location?, constant: (String) -> AlignedBuffer?,
                            scratch: Location?) -> (any Step)? {
        func input(_ i: Int) -> Location? { i < node.inputs.count && !node.inputs[i].isEmpty ? location(node.inputs[i]) : nil }
        guard let y = node.outputs.first.flatMap(location), let out = graph.types[node.outputs[0]] else { return nil }
        let activation = node.domain == FusedOps.domain ? Activation(node) : .linear
        switch node.opType {
        case "Conv", "FusedConv":
            guard let plan = convPlan(node), let x = input(0), let weights = constant(node.inputs[1]) else { return nil }
            let bias = node.inputs.count > 2 && !node.inputs[2].isEmpty ? constant(node.inputs[2]) : nil
            if node.inputs.count > 2 && !node.inputs[2].isEmpty && bias == nil { return nil }
            let residual = input(3)
            switch plan.kind {
            case .depthwise:
                guard let scratch else { return nil }
                return DepthwiseConvStep(x: x, y: y, residual: residual, scratch: scratch, weights: weights, bias: bias, batch: plan.batch,
                                         channels: plan.channels, params: plan.params, activation: activation, kernels: kernels)
            case .gemm:
                guard let scratch else { return nil }
                return ConvStep(x: x, y: y, residual: residual, scratch: scratch, weights: weights, bias: bias, batch: plan.batch,
                                channels: plan.channels, outChannels: plan.outChannels, group: plan.group, params: plan.params,
                                activation: activation, kernels: kernels, pool: pool)
            }
        case "QConv":
            guard let plan = convPlan(node), let x = input(0), let scratch,
                let weights = graph.constants[node.inputs[1]], case .int8(let w) = weights.storage,
                let bias = graph.constants[node.inputs[2]], case .int32(let b) = bias.storage,
                let multiplier = graph.constants[node.inputs[3]]?.floats
            else { return nil }
            let xZero = node.int("x_zero") ?? 0, yZero = Int32(node.int("y_zero") ?? 0)
            let yMin = Int32(node.int("y_min") ?? 0), yMax = Int32(node.int("y_max") ?? 255)
            if plan.kind == .depthwise {
                return QDepthwiseConvStep(x: x, y: y, scratch: scratch, weights: w, bias: b, multiplier: multiplier, batch: plan.batch,
                                          channels: plan.channels, xZero: Int32(xZero), params: plan.params, yZero: yZero, yMin: yMin,
                                          yMax: yMax, kernels: kernels)
            }
            guard plan.group == 1 else { return nil }
            return QConvStep(x: x, y: y, scratch: scratch, weights: w, bias: b,
                             multiplier: multiplier, batch: plan.batch, channels: plan.channels, outChannels: plan.outChannels,
                             xZero: UInt8(clamping: xZero), params: plan.params, yZero: yZero, yMin: yMin, yMax: yMax, kernels: kernels,
                             pool: pool)
        case "QLookup":
            guard let x = input(0), case .uint8(let table)? = graph.constants[node.inputs[1]]?.storage else { return nil }
            return LookupStep(x: x, y: y, count: out.count, table: table, kernels: kernels)
        case "Gemm", "FusedGemm":
            return gemm(node, out: out, y: y, activation: activation, input: input, constant: constant)
        case "MatMul":
            return matmul(node, out: out, y: y, input: input)
        case "Add", "Sub", "Mul", "Div":
            return binary(node, out: out, y: y, input: input)
        case "Relu", "Clip", "HardSigmoid", "HardSwish":
            guard out.dtype == .float32, let x = input(0), let act = Self.activation(node, graph) else { return nil }
            return ActivationStep(x: x, y: y, count: out.count, activation: act, kernels: kernels)
        case "Sigmoid", "Tanh", "Exp", "Sqrt", "Erf", "Log", "Abs", "Neg", "Reciprocal", "LeakyRelu", "Floor", "Ceil", "Round", "Elu",
             "Selu", "Celu", "Softplus", "Softsign", "ThresholdedRelu", "Sign", "Shrink":
            guard out.dtype == .float32, let x = input(0),
                let f = UnaryOp.all.first(where: { $0.name == node.opType })?.kernel?(node)
            else { return nil }
            return UnaryStep(name: node.opType, x: x, y: y, count: out.count, function: f)
        case "MaxPool", "AveragePool":
            let uint8 = out.dtype == .uint8 && node.opType == "MaxPool"
            guard out.dtype == .float32 || uint8, out.shape.count == 4, let x = input(0), let type = graph.types[node.inputs[0]],
                let kernel = node.ints("kernel_shape"),
                let g = try? ConvGeometry.make(node, spatial: Array(type.shape[2...]), kernel: kernel, ceilMode: (node.int("ceil_mode") ?? 0) != 0)
            else { return nil }
            let params = ep_pool_params(
                ih: Int32(g.input[0]), iw: Int32(g.input[1]), kh: Int32(g.kernel[0]), kw: Int32(g.kernel[1]), oh: Int32(g.output[0]),
                ow: Int32(g.output[1]), stride_h: Int32(g.strides[0]), stride_w: Int32(g.strides[1]), dilation_h: Int32(g.dilations[0]),
                dilation_w: Int32(g.dilations[1]), pad_top: Int32(g.padsBegin[0]), pad_left: Int32(g.padsBegin[1]),
                pad_bottom: Int32(g.padsEnd[0]), pad_right: Int32(g.padsEnd[1]), count_include_pad: Int32(node.int("count_include_pad") ?? 0))
            return PoolStep(x: x, y: y, planes: out.shape[0] * out.shape[1], max: node.opType == "MaxPool", uint8: uint8, params: params,
                            kernels: kernels, pool: pool)
        case "GlobalAveragePool", "GlobalMaxPool":
            guard out.dtype == .float32, let x = input(0), let type = graph.types[node.inputs[0]] else { return nil }
            return GlobalPoolStep(x: x, y: y, planes: out.count, size: type.count / max(1, out.count),
                                  average: node.opType == "GlobalAveragePool", kernels: kernels)
        case "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity":
            guard let x = input(0) else { return nil }
            return CopyStep(x: x, y: y, bytes: out.count * out.dtype.byteSize)
        case "Slice", "Transpose", "DepthToSpace", "SpaceToDepth":
            return stridedCopy(node, out: out, y: y, input: input)
        case "Dropout":
            guard node.outputs.count == 1 || node.outputs[1].isEmpty, let x = input(0) else { return nil }
            return CopyStep(x: x, y: y, bytes: out.count * out.dtype.byteSize)
        case "Concat":
            guard let axis = node.int("axis").flatMap({ normalizedAxis($0, rank: out.shape.count) }) else { return nil }
            let outer = out.shape[..<axis].reduce(1, *)
            var parts: [(Location, Int)] = []
            for name in node.inputs {
                guard let l = location(name), let t = graph.types[name] else { return nil }
                parts.append((l, t.count / max(1, outer) * t.dtype.byteSize))
            }
            return ConcatStep(inputs: parts, y: y, outer: outer)
        case "QuantizeLinear", "DequantizeLinear":
            return quantize(node, out: out, y: y, input: input)
        case "ConvTranspose":
            guard let geometry = convTransposePlan(node), let x = input(0), let scratch, let weights = constant(node.inputs[1]) else { return nil }
            let bias = node.inputs.count > 2 && !node.inputs[2].isEmpty ? constant(node.inputs[2]) : nil
            return ConvTransposeStep(x: x, y: y, scratch: scratch, weights: weights, bias: bias, geometry: geometry, pool: pool)
        case "Resize":
            guard out.dtype == .float32, let x = input(0), let inShape = graph.types[node.inputs[0]]?.shape else { return nil }
            let scales = ResizeOp.scales(node, inShape: inShape, outShape: out.shape, constants: graph.constants)
            guard scales.count == inShape.count else { return nil }
            return ResizeStep(x: x, y: y, inShape: inShape, taps: ResizeOp.taps(node, inShape: inShape, outShape: out.shape, scales: scales),
                              linear: node.string("mode") == "linear")
        case "LRN", "MeanVarianceNormalization":
            return normalization(node, out: out, y: y, input: input)
        case _ where ReduceOp.Kind(rawValue: node.opType) != nil:
            return reduction(node, out: out, y: y, input: input)
        case "Softmax", "LogSoftmax", "Hardmax":
            guard out.dtype == .float32, let x = input(0), let mode = SoftmaxOp.Mode(rawValue: node.opType),
                let (outer, extent, inner) = SoftmaxOp.layout(out.shape, node: node, opset: graph.graph.opset)
            else { return nil }
            return SoftmaxStep(x: x, y: y, outer: outer, extent: extent, inner: inner, mode: mode)
        default:
            return nil
        }
    }

    static func activation(_ node: Node, _ graph: TypedGraph) -> Activation? {
        switch node.opType {
        case "Relu": return .relu
        case "HardSigmoid": return Activation(kind: .hardSigmoid, alpha: node.float("alpha") ?? 0.2, beta: node.float("beta") ?? 0.5)
        case "HardSwish": return Activation(kind: .hardSwish, alpha: 1.0 / 6, beta: 0.5)
        case "Clip":
            guard let (low, high) = try? ClipOp.bounds(graph.context(node)) else { return nil }
            return Activation(kind: .clamp, min: low, max: high)
        default: return nil
        }
    }
}
