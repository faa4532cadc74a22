import CEngineKernels

/// 2-D convolution as GEMM on the f32-gemm kernels: per image and group, W[m×k] · columns[k×n]
/// with bias, residual and activation fused into the kernel's stores. W is packed once, here, in
/// the kernel's MR-row panels. The columns are the input itself for 1×1 stride-1 unpadded
/// convolutions and im2col otherwise, built a tile of output positions at a time (`columnTile`)
/// so that they stay in cache. With several threads the output positions are split into one
/// range per thread (whole NR-column tiles), each with its own columns and tail scratch.
final class ConvStep: Step {
    let x: Location, y: Location, residual: Location?, scratch: Location
    let packed: AlignedBuffer, bias: AlignedBuffer?
    let batch: Int, channels: Int, outChannels: Int, group: Int
    var params: ep_dwconv_params
    let activation: ep_activation
    let kernels: KernelTable
    let pointwise: Bool
    let threads: Int
    let pool: ThreadPool

    init(x: Location, y: Location, residual: Location?, scratch: Location, weights: AlignedBuffer, bias: AlignedBuffer?,
         batch: Int, channels: Int, outChannels: Int, group: Int, params: ep_dwconv_params, activation: Activation,
         kernels: KernelTable, pool: ThreadPool) {
        self.x = x
        self.y = y
        self.residual = residual
        self.scratch = scratch
        let m = outChannels / group, k = channels / group * Int(params.kh * params.kw), mr = kernels.fgemmTile.mr
        let perGroup = ep_f32_gemm_packed_floats(m, k, mr)
        packed = AlignedBuffer(bytes: group * perGroup * 4)
        for g in 0..<group { ep_f32_gemm_pack(m, k, mr, weights.floats + g * m * k, packed.floats + g * perGroup) }
        self.bias = bias
        self.batch = batch
        self.channels = channels
        self.outChannels = outChannels
        self.group = group
        self.params = params
        self.activation = activation.c
        self.kernels = kernels
        pointwise = Self.isPointwise(params)
        self.pool = pool
        threads = Self.threads(m: m, k: k, params: params, nr: kernels.fgemmTile.nr, pool: pool)
    }

    /// Threads worth waking: 1 below `QConvStep.parallelMACs`, and no more than there are
    /// NR-column tiles to share.
    private static func threads(m: Int, k: Int, params: ep_dwconv_params, nr: Int, pool: ThreadPool) -> Int {
        let positions = Int(params.oh * params.ow)
        return m * k * positions < QConvStep.parallelMACs ? 1 : max(1, min(pool.threads, (positions + nr - 1) / nr))
    }

    /// The scratch the step needs: per thread it will use, one tile of columns (none when 1×1)
    /// and the kernel's tail tile.
    static func scratchBytes(m: Int, k: Int, params: ep_dwconv_params, kernels: KernelTable, pool: ThreadPool) -> Int {
        let nr = kernels.fgemmTile.nr
        let perThread = scratchFloats(k: k, n: Int(params.oh * params.ow), pointwise: isPointwise(params), nr: nr)
        return threads(m: m, k: k, params: params, nr: nr, pool: pool) * perThread * 4
    }

    /// Output positions per im2col tile: about 2 MiB of columns (L2/L3-resident), a multiple of
    /// NR, at least one NR tile, never more than the positions.
    static func columnTile(k: Int, n: Int, nr: Int) -> Int {
        min(n, max(nr, (2 << 20) / 4 / max(1, k) / nr * nr))
    }

    /// Scratch floats per thread.
    static func scratchFloats(k: Int, n: Int, pointwise: Bool, nr: Int) -> Int {
        ((pointwise ? 0 : k * columnTile(k: k, n: n, nr: nr)) + k * nr + 15) / 16 * 16
    }

    static func isPointwise(_ p: ep_dwconv_params) -> Bool {
        p.kh == 1 && p.kw == 1 && p.stride_h == 1 && p.stride_w == 1 && p.pad_top == 0 && p.pad_left == 0 && p.oh == p.ih && p.ow == p.iw
    }

    var kind: String {
        let tile = "\(kernels.fgemmTile.mr)×\(kernels.fgemmTile.nr)"
        return (pointwise ? "conv 1×1 gemm \(tile)" : "conv \(params.kh)×\(params.kw) im2col+gemm \(tile)") + " (\(kernels.isa.rawValue))"
            + (group > 1 ? " ×\(group) groups" : "") + (threads > 1 ? " ×\(threads) threads" : "")
    }

    func run(_ arena: UnsafeMutableRawPointer) {
        let input = x.address(arena).assumingMemoryBound(to: Float.self)
        let output = y.address(arena).assumingMemoryBound(to: Float.self)
        let work = scratch.address(arena).assumingMemoryBound(to: Float.self)
        let res = residual.map { $0.address(arena).assumingMemoryBound(to: Float.self) }
        let inPlane = Int(params.ih * params.iw), outPlane = Int(params.oh * params.ow)
        let cPerGroup = channels / group, m = outChannels / group, k = cPerGroup * Int(params.kh * params.kw)
        let nr = kernels.fgemmTile.nr, perGroup = ep_f32_gemm_packed_floats(m, k, kernels.fgemmTile.mr)
        let scratchFloats = Self.scratchFloats(k: k, n: outPlane, pointwise: pointwise, nr: nr)
        let share = ((outPlane + threads - 1) / threads + nr - 1) / nr * nr
        for n in 0..<batch {
            for g in 0..<group {
                let offset = (n * outChannels + g * m) * outPlane
                let job = ConvColumns(
                    gemm: kernels.fgemm, m: m, k: k, channels: Int32(cPerGroup), params: params, pointwise: pointwise,
                    packed: packed.floats + g * perGroup, source: input + (n * channels + g * cPerGroup) * inPlane, plane: outPlane,
                    target: output + offset,
                    epilogue: ep_f32_gemm_params(bias: bias.map { UnsafePointer($0.floats + g * m) }, residual: res.map { UnsafePointer($0 + offset) },
                                                 act: activation),
                    scratch: work, scratchFloats: scratchFloats, share: share, tile: Self.columnTile(k: k, n: outPlane, nr: nr))
                pool.run(threads) { job.run(thread: $0) }
            }
        }
    }
}

/// One thread's share of a convolution's output positions: im2col a tile at a time into its own
/// scratch (or the input itself when 1×1), then the fused GEMM into its columns of the output.
private struct ConvColumns: @unchecked Sendable {
    let gemm: KernelTable.FGemm
    let m: Int, k: Int, channels: Int32
    var params: ep_dwconv_params
    let pointwise: Bool
    let packed: UnsafePointer<Float>, source: UnsafePointer<Float>, plane: Int
    let target: UnsafeMutablePointer<Float>
    let epilogue: ep_f32_gemm_params
    let scratch: UnsafeMutablePointer<Float>, scratchFloats: Int
    let share: Int, tile: Int

    func run(thread: Int) {
        let first = thread * share, end = min(plane, first + share)
        guard first < end else { return }
        let own = scratch + thread * scratchFloats
        var p = epilogue
        if pointwise {
            gemm(m, k, first, end, packed, source, plane, target, plane, &p, own)  // all of `own` is the tail tile
            return
        }
        var geometry = params
        let columns = own, tail = own + k * tile
        for start in stride(from: first, to: end, by: tile) {
            let count = min(tile, end - start)
            ep_x32_im2col_range(source, channels, &geometry, Int32(start), Int32(count), columns)
            p.residual = epilogue.residual.map { $0 + start }
            gemm(m, k, 0, count, packed, columns, count, target + start, plane, &p, tail)
        }
    }
}
