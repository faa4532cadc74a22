import CEngineKernels

/// Integer 2-D convolution (group 1): per image, the uint8 input itself (1×1 stride 1) or its
/// uint8 im2col (padded with the input zero point), packed into k-pairs (or k-quads for the
/// dot-product kernels, im2col writing them directly), times the weights packed the same way
/// through the qu8-qc8w-gemm kernel, which requantizes to uint8. With several threads the output
/// channels are split into one block per thread, and so is im2col into quads (pair packing and
/// 1×1 packing stay on the calling thread).
final class QConvStep: Step {
    let x: Location, y: Location, scratch: Location
    /// Weights packed once into the kernel's layout (ep_qc8w_pack_pairs or ep_qc8w_pack_quads).
    let weights: [Int32], bias: [Int32], multiplier: [Float]
    let batch: Int, channels: Int, outChannels: Int, xZero: UInt8
    var params: ep_dwconv_params
    let yZero: Int32, yMin: Int32, yMax: Int32
    let kernels: KernelTable
    /// Threads for the GEMM; 1 below `parallelMACs` multiply-accumulates, where waking
    /// threads costs more than it saves.
    let threads: Int
    let pool: ThreadPool
    static let parallelMACs = 500_000

    /// Scratch: the im2col columns (K·N bytes; only the pairs layout builds them, and not for 1×1
    /// stride 1), then the packed operand (ceil(K/2)·N words; the quads layout needs at most that).
    static func scratchBytes(k: Int, n: Int, pointwise: Bool, layout: KernelTable.QGemmLayout) -> Int {
        columnBytes(k: k, n: n, pointwise: pointwise, layout: layout) + (k + 1) / 2 * n * 4
    }

    static func columnBytes(k: Int, n: Int, pointwise: Bool, layout: KernelTable.QGemmLayout) -> Int {
        pointwise || layout == .quads ? 0 : (k * n + 63) / 64 * 64
    }

    init(x: Location, y: Location, scratch: Location, weights: [Int8], bias: [Int32], multiplier: [Float], batch: Int, channels: Int,
         outChannels: Int, xZero: UInt8, params: ep_dwconv_params, yZero: Int32, yMin: Int32, yMax: Int32, kernels: KernelTable,
         pool: ThreadPool) {
        self.x = x
        self.y = y
        self.scratch = scratch
        let k = weights.count / max(1, outChannels)
        var packed: [Int32]
        switch kernels.qgemmLayout {
        case .pairs:
            packed = [Int32](repeating: 0, count: outChannels * ((k + 1) / 2))
            ep_qc8w_pack_pairs(outChannels, k, weights, &packed)
        case .quads:
            packed = [Int32](repeating: 0, count: outChannels * ((k + 3) / 4))
            ep_qc8w_pack_quads(outChannels, k, weights, &packed)
        }
        self.weights = packed
        self.bias = bias
        self.multiplier = multiplier
        self.batch = batch
        self.channels = channels
        self.outChannels = outChannels
        self.xZero = xZero
        self.params = params
        self.yZero = yZero
        self.yMin = yMin
        self.yMax = yMax
        self.kernels = kernels
        let macs = outChannels * k * Int(params.oh * params.ow)
        self.pool = pool
        self.threads = macs < Self.parallelMACs ? 1 : max(1, min(pool.threads, outChannels / 8))
    }

    var kind: String { "qconv \(params.kh)×\(params.kw) int8 gemm (\(kernels.isa.rawValue))" + (threads > 1 ? " ×\(threads) threads" : "") }

    func run(_ arena: UnsafeMutableRawPointer) {
        let input = x.address(arena).assumingMemoryBound(to: UInt8.self)
        let output = y.address(arena).assumingMemoryBound(to: UInt8.self)
        let inPlane = Int(params.ih * params.iw), outPlane = Int(params.oh * params.ow)
        let k = channels * Int(params.kh * params.kw)
        let pointwise = ConvStep.isPointwise(params)
        let columns = scratch.address(arena).assumingMemoryBound(to: UInt8.self)
        let pairs = (scratch.address(arena) + Self.columnBytes(k: k, n: outPlane, pointwise: pointwise, layout: kernels.qgemmLayout)).assumingMemoryBound(to: Int32.self)
        bias.withUnsafeBufferPointer { b in
            multiplier.withUnsafeBufferPointer { m in
                var p = ep_qgemm_params(bias: b.baseAddress, multiplier: m.baseAddress, y_zero: yZero, y_min: yMin, y_max: yMax)
                weights.withUnsafeBufferPointer { w in
                    for n in 0..<batch {
                        let image = UnsafePointer(input + n * channels * inPlane)
                        switch (kernels.qgemmLayout, pointwise) {
                        case (.pairs, true): ep_qu8_pack_pairs(k, outPlane, image, pairs)
                        case (.pairs, false):
                            withUnsafePointer(to: &params) { ep_x8_im2col__scalar(image, Int32(channels), $0, xZero, columns) }
                            ep_qu8_pack_pairs(k, outPlane, columns, pairs)
                        case (.quads, true): ep_qu8_pack_quads(k, outPlane, image, pairs)
                        case (.quads, false) where threads > 1 && k >= 4 * threads:
                            let job = QuadBlocks(image: image, channels: Int32(channels), params: params, pad: xZero, packed: pairs,
                                                 quads: (k + 3) / 4, threads: threads)
                            pool.run(threads) { job.run(block: $0) }
                        case (.quads, false):
                            withUnsafePointer(to: &params) { ep_x8_im2col_quads(image, Int32(channels), $0, xZero, pairs) }
                        }
                        let out = output + n * outChannels * outPlane
                        if threads == 1 {
                            kernels.qgemm(outChannels, outPlane, k, w.baseAddress, pairs, out, &p)
                            continue
                        }
                        let job = RowBlocks(kernel: kernels.qgemm, rows: outChannels, n: outPlane, k: k, weights: w.baseAddress!,
                                            words: w.count / max(1, outChannels), x: UnsafePointer(pairs), y: out, params: p,
                                            block: ((outChannels + threads - 1) / threads + 7) / 8 * 8)
                        pool.run(threads) { job.run(block: $0) }
                    }
                }
            }
        }
    }
}

/// im2col into quads split into one block of quads per thread.
private struct QuadBlocks: @unchecked Sendable {
    let image: UnsafePointer<UInt8>, channels: Int32
    var params: ep_dwconv_params
    let pad: UInt8
    let packed: UnsafeMutablePointer<Int32>
    let quads: Int, threads: Int

    func run(block index: Int) {
        let per = (quads + threads - 1) / threads, first = index * per
        guard first < quads else { return }
        var p = params
        ep_x8_im2col_quads_range(image, channels, &p, pad, packed, Int32(first), Int32(min(quads, first + per)))
    }
}

/// One GEMM split into blocks of whole 8-row tiles: each block reads its rows' weights, bias and
/// multipliers and writes its rows of the output, so blocks never share memory they write.
private struct RowBlocks: @unchecked Sendable {
    let kernel: KernelTable.QGemm
    let rows: Int, n: Int, k: Int
    let weights: UnsafePointer<Int32>, words: Int
    let x: UnsafePointer<Int32>, y: UnsafeMutablePointer<UInt8>
    let params: ep_qgemm_params
    let block: Int

    func run(block index: Int) {
        let first = index * block, count = min(block, rows - first)
        guard count > 0 else { return }
        var part = params
        part.bias = params.bias! + first
        part.multiplier = params.multiplier! + first
        kernel(count, n, k, weights + first * words, x, y + first * n, &part)
    }
}
