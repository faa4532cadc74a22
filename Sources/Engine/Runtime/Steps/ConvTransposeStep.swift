import CEngineBLAS

/// 2-D float ConvTranspose as GEMM + col2im: per image and group, columns = Wᵀ · X
/// (`cblas_sgemm`: (M/g)·kH·kW × H·W, over the group's C/g input channels), then each column
/// entry is added where the scatter form puts it (strides, dilations, pads; output_padding and
/// output_shape only size the output). The output starts from the bias. With several threads
/// each takes a share of the GEMM's columns, then a share of the output channels to scatter.
final class ConvTransposeStep: Step {
    struct Geometry {
        var batch: Int, channels: Int, outChannels: Int, group: Int
        var inH: Int, inW: Int, kH: Int, kW: Int, outH: Int, outW: Int
        var strideH: Int, strideW: Int, dilationH: Int, dilationW: Int, padTop: Int, padLeft: Int

        /// The columns' floats for one group of one image.
        var columnFloats: Int { outChannels / group * kH * kW * inH * inW }
    }

    let x: Location, y: Location, scratch: Location
    let weights: AlignedBuffer, bias: AlignedBuffer?
    let g: Geometry
    let pool: ThreadPool
    let threads: Int

    init(x: Location, y: Location, scratch: Location, weights: AlignedBuffer, bias: AlignedBuffer?, geometry: Geometry, pool: ThreadPool) {
        self.x = x
        self.y = y
        self.scratch = scratch
        self.weights = weights
        self.bias = bias
        g = geometry
        self.pool = pool
        let macs = geometry.columnFloats * geometry.group * (geometry.channels / geometry.group)
        threads = macs < QConvStep.parallelMACs ? 1 : min(pool.threads, max(1, geometry.inH * geometry.inW / 16))
    }

    var kind: String { "convtranspose \(g.kH)×\(g.kW)/\(g.strideH) gemm+col2im" + (threads > 1 ? " ×\(threads) threads" : "") }

    func run(_ arena: UnsafeMutableRawPointer) {
        let px = x.address(arena).assumingMemoryBound(to: Float.self)
        let py = y.address(arena).assumingMemoryBound(to: Float.self)
        let columns = scratch.address(arena).assumingMemoryBound(to: Float.self)
        let w = weights.pointer.assumingMemoryBound(to: Float.self)
        let b = bias?.pointer.assumingMemoryBound(to: Float.self)
        let cPerGroup = g.channels / g.group, mPerGroup = g.outChannels / g.group
        let inPlane = g.inH * g.inW, outPlane = g.outH * g.outW, kernel = g.kH * g.kW
        let rows = mPerGroup * kernel
        for n in 0..<g.batch {
            let image = py + n * g.outChannels * outPlane
            for m in 0..<g.outChannels {
                (image + m * outPlane).update(repeating: b?[m] ?? 0, count: outPlane)
            }
            for group in 0..<g.group {
                // W for the group: cPerGroup × rows, row-major; columns = Wᵀ · X.
                pool.run(threads) { part in
                    let share = ThreadPool.share(part, of: threads, total: inPlane, align: 16)
                    guard !share.isEmpty else { return }
                    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(rows), Int32(share.count), Int32(cPerGroup), 1,
                                w + group * cPerGroup * rows, Int32(rows), px + (n * g.channels + group * cPerGroup) * inPlane + share.lowerBound,
                                Int32(inPlane), 0, columns + share.lowerBound, Int32(inPlane))
                }
                pool.run(threads) { part in
                    for m in ThreadPool.share(part, of: threads, total: mPerGroup) {
                        let plane = image + (group * mPerGroup + m) * outPlane
                        for ky in 0..<g.kH {
                            for kx in 0..<g.kW {
                                let column = columns + ((m * g.kH + ky) * g.kW + kx) * inPlane
                                let xOffset = kx * g.dilationW - g.padLeft
                                // The input columns that land inside the output on this kernel column.
                                let last = g.outW - 1 - xOffset
                                guard last >= 0 else { continue }
                                let firstX = xOffset >= 0 ? 0 : (-xOffset + g.strideW - 1) / g.strideW
                                let endX = min(g.inW, last / g.strideW + 1)
                                guard firstX < endX else { continue }
                                for iy in 0..<g.inH {
                                    let oy = iy * g.strideH + ky * g.dilationH - g.padTop
                                    guard oy >= 0 && oy < g.outH else { continue }
                                    let source = column + iy * g.inW, target = plane + oy * g.outW + xOffset
                                    var ix = firstX
                                    while ix < endX {
                                        target[ix * g.strideW] += source[ix]
                                        ix += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
