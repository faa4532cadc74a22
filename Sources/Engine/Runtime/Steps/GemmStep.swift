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

    init(a: Location, b: Location, y: Location, c: AlignedBuffer?, m: Int, n: Int, k: Int, transA: Bool, transB: Bool,
         alpha: Float, beta: Float, offsets: [(Int, Int, Int)], activation: Activation, kernels: KernelTable) {
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
    }

    var kind: String { "gemm \(m)×\(n)×\(k) sgemm" + (offsets.count > 1 ? " ×\(offsets.count)" : "") }

    func run(_ arena: UnsafeMutableRawPointer) {
        let pa = a.address(arena).assumingMemoryBound(to: Float.self)
        let pb = b.address(arena).assumingMemoryBound(to: Float.self)
        let py = y.address(arena).assumingMemoryBound(to: Float.self)
        for (oa, ob, oy) in offsets {
            if let c { (py + oy).update(from: c.floats, count: m * n) }
            cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha, pa + oa, Int32(transA ? m : k), pb + ob, Int32(transB ? k : n),
                        c == nil ? 0 : beta, py + oy, Int32(n))
        }
        if activation.kind != 0 {
            withUnsafePointer(to: &activation) { kernels.epilogue(py, 1, offsets.count * m * n, nil, nil, $0) }
        }
    }
}
