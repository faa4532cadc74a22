import EngineIR

/// Gemm: Y = alpha·op(A)·op(B) + beta·C, op = optional transpose, C broadcast to [M, N].
public struct GemmOp: OperatorKind {
    public let name = "Gemm"

    struct Dims { var m: Int, k: Int, n: Int, transA: Bool, transB: Bool }

    func dims(_ context: NodeContext) throws(EngineError) -> Dims {
        let a = try context.type(0), b = try context.type(1)
        guard a.shape.count == 2, b.shape.count == 2 else { throw context.fail("A \(a.shape) and B \(b.shape) must be matrices") }
        let transA = (context.node.int("transA") ?? 0) != 0, transB = (context.node.int("transB") ?? 0) != 0
        let m = transA ? a.shape[1] : a.shape[0], k = transA ? a.shape[0] : a.shape[1]
        let kb = transB ? b.shape[1] : b.shape[0], n = transB ? b.shape[0] : b.shape[1]
        guard k == kb else { throw context.fail("inner dimensions \(k) and \(kb) differ") }
        if context.hasInput(2), Broadcast.shape(try context.type(2).shape, [m, n]) != [m, n] {
            throw context.fail("C \(try context.type(2).shape) does not broadcast to [\(m), \(n)]")
        }
        return Dims(m: m, k: k, n: n, transA: transA, transB: transB)
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let d = try dims(context)
        return [ValueType(try context.type(0).dtype, [d.m, d.n])]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let d = try dims(context)
        let a = inputs[0]!.floats, b = inputs[1]!.floats
        let alpha = context.node.float("alpha") ?? 1, beta = context.node.float("beta") ?? 1
        var c = [Float](repeating: 0, count: d.m * d.n)
        if inputs.count > 2, let bias = inputs[2] {
            let values = bias.floats
            let index = Broadcast.indices(bias.shape, to: [d.m, d.n])
            for i in c.indices { c[i] = beta * values[index[i]] }
        }
        for i in 0..<d.m {
            for j in 0..<d.n {
                var acc: Float = 0
                for p in 0..<d.k {
                    acc += a[d.transA ? p * d.m + i : i * d.k + p] * b[d.transB ? j * d.k + p : p * d.n + j]
                }
                c[i * d.n + j] += alpha * acc
            }
        }
        return [Tensor(shape: [d.m, d.n], floats: c)]
    }
}

/// MatMul with NumPy semantics: 1-D operands promoted, batch dimensions broadcast.
public struct MatMulOp: OperatorKind {
    public let name = "MatMul"

    struct Dims { var batch: [Int], m: Int, k: Int, n: Int, aShape: [Int], bShape: [Int], out: [Int] }

    func dims(_ context: NodeContext) throws(EngineError) -> Dims {
        var a = try context.type(0).shape, b = try context.type(1).shape
        guard !a.isEmpty, !b.isEmpty else { throw context.fail("MatMul of a scalar") }
        let aVector = a.count == 1, bVector = b.count == 1
        if aVector { a = [1] + a }
        if bVector { b = b + [1] }
        guard a[a.count - 1] == b[b.count - 2] else { throw context.fail("inner dimensions \(a) × \(b) differ") }
        guard let batch = Broadcast.shape(Array(a.dropLast(2)), Array(b.dropLast(2))) else {
            throw context.fail("batch dimensions \(a) × \(b) do not broadcast")
        }
        let m = a[a.count - 2], k = a[a.count - 1], n = b[b.count - 1]
        var out = batch + [m, n]
        if aVector { out.remove(at: out.count - 2) }
        if bVector { out.removeLast() }
        return Dims(batch: batch, m: m, k: k, n: n, aShape: a, bShape: b, out: out)
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        [ValueType(try context.type(0).dtype, try dims(context).out)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let d = try dims(context)
        let a = inputs[0]!.floats, b = inputs[1]!.floats
        let batches = d.batch.reduce(1, *)
        let aIndex = Broadcast.indices(Array(d.aShape.dropLast(2)), to: d.batch)
        let bIndex = Broadcast.indices(Array(d.bShape.dropLast(2)), to: d.batch)
        var y = [Float](repeating: 0, count: batches * d.m * d.n)
        for batch in 0..<batches {
            let aBase = aIndex[batch] * d.m * d.k, bBase = bIndex[batch] * d.k * d.n
            for i in 0..<d.m {
                for j in 0..<d.n {
                    var acc: Float = 0
                    for p in 0..<d.k { acc += a[aBase + i * d.k + p] * b[bBase + p * d.n + j] }
                    y[(batch * d.m + i) * d.n + j] = acc
                }
            }
        }
        return [Tensor(shape: d.out, floats: y)]
    }
}
