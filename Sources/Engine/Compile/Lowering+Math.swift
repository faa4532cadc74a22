import EngineIR

extension Lowering {
    func gemm(_ node: Node, out: ValueType, y: Location, activation: Activation, input: (Int) -> Location?,
              constant: (String) -> AlignedBuffer?) -> (any Step)? {
        guard out.dtype == .float32, let a = input(0), let b = input(1), let ta = graph.types[node.inputs[0]] else { return nil }
        let transA = (node.int("transA") ?? 0) != 0, transB = (node.int("transB") ?? 0) != 0
        let m = out.shape[0], n = out.shape[1], k = transA ? ta.shape[0] : ta.shape[1]
        var c: AlignedBuffer?
        if node.inputs.count > 2 && !node.inputs[2].isEmpty {
            guard let bias = graph.constants[node.inputs[2]] else { return nil }
            let values = bias.floats
            c = AlignedBuffer(floats: Broadcast.indices(bias.shape, to: [m, n]).map { values[$0] })
        }
        return GemmStep(a: a, b: b, y: y, c: c, m: m, n: n, k: k, transA: transA, transB: transB, alpha: node.float("alpha") ?? 1,
                        beta: node.float("beta") ?? 1, offsets: [(0, 0, 0)], activation: activation, kernels: kernels, pool: pool)
    }

    /// MatMul of rank ≥ 2 operands: broadcast batch dims become per-batch offsets; a constant
    /// 2-D right operand folds the batch into M.
    func matmul(_ node: Node, out: ValueType, y: Location, input: (Int) -> Location?) -> (any Step)? {
        guard out.dtype == .float32, let a = input(0), let b = input(1), let ta = graph.types[node.inputs[0]],
            let tb = graph.types[node.inputs[1]], ta.shape.count >= 2, tb.shape.count >= 2
        else { return nil }
        let m = ta.shape[ta.shape.count - 2], k = ta.shape[ta.shape.count - 1], n = tb.shape[tb.shape.count - 1]
        if tb.shape.count == 2 {
            return GemmStep(a: a, b: b, y: y, c: nil, m: ta.count / k, n: n, k: k, transA: false, transB: false, alpha: 1, beta: 0,
                            offsets: [(0, 0, 0)], activation: .linear, kernels: kernels, pool: pool)
        }
        let batch = Array(out.shape.dropLast(2))
        let aIndex = Broadcast.indices(Array(ta.shape.dropLast(2)), to: batch)
        let bIndex = Broadcast.indices(Array(tb.shape.dropLast(2)), to: batch)
        let offsets = aIndex.indices.map { (aIndex[$0] * m * k, bIndex[$0] * k * n, $0 * m * n) }
        return GemmStep(a: a, b: b, y: y, c: nil, m: m, n: n, k: k, transA: false, transB: false, alpha: 1, beta: 0, offsets: offsets,
                        activation: .linear, kernels: kernels, pool: pool)
    }

    func binary(_ node: Node, out: ValueType, y: Location, input: (Int) -> Location?) -> (any Step)? {
        guard out.dtype == .float32, node.inputs.count == 2, let a = input(0), let b = input(1),
            let ta = graph.types[node.inputs[0]], let tb = graph.types[node.inputs[1]]
        else { return nil }
        let op: Int32 = ["Add": 0, "Sub": 1, "Mul": 2, "Div": 3][node.opType]!
        let mode: BinaryStep.Mode
        if ta.shape == out.shape && tb.shape == out.shape {
            mode = .same(count: out.count)
        } else if tb.count == 1 && ta.shape == out.shape {
            mode = .scalarB(count: out.count)
        } else if ta.count == 1 && tb.shape == out.shape {
            mode = .scalarA(count: out.count)
        } else if ta.shape == out.shape, let period = Self.rowPeriod(tb.shape, out.shape) {
            let size = out.count / (out.shape.count >= 2 ? out.shape[0] * out.shape[1] : 1)
            mode = .rows(rows: out.count / size, size: size, period: period)
        } else {
            return BinaryStep(op: op, mode: .strided(shape: out.shape, aStrides: Broadcast.strides(ta.shape, to: out.shape),
                                                     bStrides: Broadcast.strides(tb.shape, to: out.shape)), a: a, b: b, y: y, kernels: kernels)
        }
        return BinaryStep(op: op, mode: mode, a: a, b: b, y: y, kernels: kernels)
    }

    /// When `b` is [N|1, C, 1, …] against out [N, C, …]: how many values b holds per batch
    /// walk (C when b's N is 1, N·C otherwise).
    static func rowPeriod(_ b: [Int], _ out: [Int]) -> Int? {
        guard out.count >= 3, b.count == out.count, b[2...].allSatisfy({ $0 == 1 }), b[1] == out[1], b[0] == out[0] || b[0] == 1 else { return nil }
        return b[0] == 1 ? out[1] : out[0] * out[1]
    }
}

extension Lowering {
    /// Q/DQ between float32 and uint8/int8 with constant scales and zero points.
    func quantize(_ node: Node, out: ValueType, y: Location, input: (Int) -> Location?) -> (any Step)? {
        guard let x = input(0), let type = graph.types[node.inputs[0]], let scales = graph.constants[node.inputs[1]]?.floats else { return nil }
        let zeroName = node.inputs.count > 2 ? node.inputs[2] : ""
        let zeroTensor = zeroName.isEmpty ? nil : graph.constants[zeroName]
        if !zeroName.isEmpty && zeroTensor == nil { return nil }
        let quantize = node.opType == "QuantizeLinear"
        let integer = quantize ? out.dtype : type.dtype
        guard integer == .uint8 || integer == .int8, (quantize ? type.dtype : out.dtype) == .float32 else { return nil }
        let zeros = zeroTensor?.floats ?? [0]
        var inner = 1
        if scales.count > 1 {
            guard let axis = normalizedAxis(node.int("axis") ?? 1, rank: type.shape.count) else { return nil }
            inner = type.shape[(axis + 1)...].reduce(1, *)
        }
        return QuantizeStep(x: x, y: y, count: out.count, inner: inner, scales: scales,
                            zeros: zeros.count == scales.count ? zeros : Array(repeating: zeros[0], count: scales.count),
                            quantize: quantize, signed: integer == .int8, kernels: kernels)
    }
}
