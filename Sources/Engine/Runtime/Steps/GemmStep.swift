import CEngineBLAS
import CEngineKernels

/// Y = act(alpha·op(A)·op(B) + beta·C) through `cblas_sgemm`, `count` times over batched
/// operands (MatMul's broadcast batch dims become per-batch offsets). C, when present, is
/// written into Y first and accumulated with beta.
final class GemmStep: Step {
    let a: Location, b: Location, y: Location
    let c: AlignedBuffer?
    let m: Int, n: Int, k: Int, transA: Bool, transB: Bool, alpha: Float, beta: Float
    /// Per batch: element offsets of A, B and Y.
    let offsets: [(Int, Int, Int)]
    var activation: ep_activation
    let kernels: KernelTable
    let pool: ThreadPool
    /// Threads the columns are split over: 1 below `QConvStep.parallelMACs`.
    let threads: Int

    init(a: Location, b: Location, y: Location, c: AlignedBuffer?, m: Int, n: Int, k: Int, transA: Bool, transB: Bool,
         alpha: Float, beta: Float, offsets: [(Int, Int, Int)], activation: Activation, kernels: KernelTable, pool: ThreadPool) {
        self.a = a
        self.b = b
        self.y = y
        self.c = c
        self.m = m
        self.n = n
        self.k = k
        self.transA = transA
        self.transB = transB
        self.alpha = alpha
        self.beta = beta
        self.offsets = offsets
        self.activation = activation.c
        self.kernels = kernels
        self.pool = pool
        threads = m * n * k < QConvStep.parallelMACs ? 1 : min(pool.threads, max(1, n / 16))
    }

    var kind: String {
        "gemm \(m)×\(n)×\(k) sgemm" + (offsets.count > 1 ? " ×\(offsets.count)" : "") + (threads > 1 ? " ×\(threads) threads" : "")
    }

    func run(_ arena: UnsafeMutableRawPointer) {
        let pa = a.address(arena).assumingMemoryBound(to: Float.self)
        let pb = b.address(arena).assumingMemoryBound(to: Float.self)
        let py = y.address(arena).assumingMemoryBound(to: Float.self)
        for (oa, ob, oy) in offsets {
            if let c { (py + oy).update(from: c.floats, count: m * n) }
            // Each thread computes its own columns of Y from the same columns of op(B).
            pool.run(threads) { part in
                let columns = ThreadPool.share(part, of: threads, total: n, align: 16)
                guard !columns.isEmpty else { return }
                cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                            Int32(m), Int32(columns.count), Int32(k), alpha, pa + oa, Int32(transA ? m : k),
                            pb + ob + (transB ? columns.lowerBound * k : columns.lowerBound), Int32(transB ? k : n),
                            c == nil ? 0 : beta, py + oy + columns.lowerBound, Int32(n))
            }
        }
        if activation.kind != 0 || activation.affine != 0 {
            withUnsafePointer(to: &activation) { kernels.epilogue(py, 1, offsets.count * m * n, nil, nil, $0) }
        }
    }
}
