import CEngineKernels
@testable import Engine
import EngineIR
import Testing

/// QConvStep packs for the kernel's layout: the c4 (dot-product) layout, run here through its
/// scalar oracle, gives the same bytes as the pair layout, for 1×1 and padded 3×3 convolutions.
@Suite struct QConvStepTests {
    func run(_ kernels: KernelTable, kernel: Int, channels: Int, outChannels: Int, threads: Int = 1) -> (bytes: [UInt8], kind: String) {
        var random = TinyGraphs.Generator(state: 5)
        let h = 7, w = 9, pad = kernel / 2
        let weights = (0..<outChannels * channels * kernel * kernel).map { _ in Int8(clamping: Int(random.next() * 128)) }
        let bias = (0..<outChannels).map { _ in Int32(random.next() * 5000) }
        let multiplier = (0..<outChannels).map { _ in 0.001 + 0.002 * abs(random.next()) }
        let params = ep_dwconv_params(ih: Int32(h), iw: Int32(w), kh: Int32(kernel), kw: Int32(kernel), oh: Int32(h), ow: Int32(w),
                                      stride_h: 1, stride_w: 1, dilation_h: 1, dilation_w: 1, pad_top: Int32(pad), pad_left: Int32(pad))
        let k = channels * kernel * kernel, n = h * w
        let inBytes = channels * n, outBytes = outChannels * n
        let scratch = QConvStep.scratchBytes(k: k, n: n, pointwise: kernel == 1, layout: kernels.qgemmLayout)
        let arena = UnsafeMutableRawPointer.allocate(byteCount: inBytes + outBytes + scratch + 64, alignment: 64)
        defer { arena.deallocate() }
        for i in 0..<inBytes { arena.storeBytes(of: UInt8((random.next() + 1) * 127.5), toByteOffset: i, as: UInt8.self) }
        let step = QConvStep(x: .arena(offset: 0), y: .arena(offset: inBytes), scratch: .arena(offset: inBytes + outBytes),
                             weights: weights, bias: bias, multiplier: multiplier, batch: 1, channels: channels,
                             outChannels: outChannels, xZero: 117, params: params, yZero: 3, yMin: 3, yMax: 255, kernels: kernels,
                             pool: ThreadPool(threads: threads))
        step.run(arena)
        return (Array(UnsafeBufferPointer(start: (arena + inBytes).assumingMemoryBound(to: UInt8.self), count: outBytes)), step.kind)
    }

    @Test(arguments: [(1, 6, 5), (3, 5, 7), (3, 9, 4)])
    func quadLayoutMatchesPairLayout(kernel: Int, channels: Int, outChannels: Int) {
        let quads = KernelTable.scalar.replacingGEMM(isa: .scalar, ep_qu8_qc8w_gemm_minmax_fp32_ukernel_c4__scalar, layout: .quads)
        let pairs = run(.scalar, kernel: kernel, channels: channels, outChannels: outChannels).bytes
        #expect(run(quads, kernel: kernel, channels: channels, outChannels: outChannels).bytes == pairs)
        #expect(Set(pairs).count > 10, "degenerate output")
    }

    /// Every level this CPU runs (the VNNI kernels with im2col straight into quads among them),
    /// on one thread and split across two, gives the scalar kernel's bytes.
    @Test(arguments: ISALevel.runnableHere)
    func everyLevelMatchesScalar(isa: ISALevel) {
        for (kernel, channels, outChannels) in [(1, 6, 5), (3, 5, 7), (3, 9, 4), (3, 56, 65)] {
            let scalar = run(.scalar, kernel: kernel, channels: channels, outChannels: outChannels).bytes
            #expect(run(.forLevel(isa), kernel: kernel, channels: channels, outChannels: outChannels).bytes == scalar, "\(isa) k\(kernel)")
            #expect(run(.forLevel(isa), kernel: kernel, channels: channels, outChannels: outChannels, threads: 2).bytes == scalar)
        }
    }

    /// Output channels split across threads (65: the last block is short) give the same bytes.
    @Test(arguments: [2, 3])
    func threadsSplitRowsWithoutChangingTheResult(threads: Int) {
        let single = run(.scalar, kernel: 3, channels: 56, outChannels: 65)
        let split = run(.scalar, kernel: 3, channels: 56, outChannels: 65, threads: threads)
        #expect(split.kind.hasSuffix("×\(threads) threads"), "\(split.kind)")
        #expect(split.bytes == single.bytes)
    }
}
