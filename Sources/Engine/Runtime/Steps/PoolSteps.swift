import CEngineKernels

/// MaxPool / AveragePool over 2-D planes with the f32-pool kernels; MaxPool of uint8 (quantized)
/// planes with the u8-pool kernel. Threads take shares of the planes.
final class PoolStep: Step {
    let x: Location, y: Location, planes: Int, max: Bool, uint8: Bool
    let params: ep_pool_params
    let kernels: KernelTable
    let pool: ThreadPool, threads: Int

    init(x: Location, y: Location, planes: Int, max: Bool, uint8: Bool = false, params: ep_pool_params, kernels: KernelTable,
         pool: ThreadPool) {
        self.kernels = kernels
        self.pool = pool
        let taps = Int(params.oh * params.ow * params.kh * params.kw) * planes
        threads = taps < Self.parallelTaps ? 1 : Swift.min(pool.threads, planes)
        self.x = x
        self.y = y
        self.planes = planes
        self.max = max
        self.uint8 = uint8
        self.params = params
    }

    /// Window taps below which one thread pools everything (waking another costs more).
    static let parallelTaps = 200_000

    var kind: String {
        (max ? "maxpool " : "avgpool ") + "\(params.kh)×\(params.kw)" + (uint8 ? " uint8" : "") + (threads > 1 ? " ×\(threads) threads" : "")
    }

    func run(_ arena: UnsafeMutableRawPointer) {
        let inPlane = Int(params.ih * params.iw), outPlane = Int(params.oh * params.ow)
        let source = x.address(arena), target = y.address(arena)
        pool.run(threads) { part in
            var p = params
            for plane in ThreadPool.share(part, of: threads, total: planes) {
                if uint8 {
                    kernels.u8MaxPool(source.assumingMemoryBound(to: UInt8.self) + plane * inPlane,
                                      target.assumingMemoryBound(to: UInt8.self) + plane * outPlane, &p)
                    continue
                }
                let px = source.assumingMemoryBound(to: Float.self) + plane * inPlane, py = target.assumingMemoryBound(to: Float.self) + plane * outPlane
                if max { kernels.maxPool(px, py, &p) } else { ep_f32_avgpool_ukernel__scalar(px, py, &p) }
            }
        }
    }
}

/// GlobalAveragePool / GlobalMaxPool: one value per plane.
final class GlobalPoolStep: Step {
    let x: Location, y: Location, planes: Int, size: Int, average: Bool
    let kernels: KernelTable

    init(x: Location, y: Location, planes: Int, size: Int, average: Bool, kernels: KernelTable) {
        self.x = x
        self.y = y
        self.planes = planes
        self.size = size
        self.average = average
        self.kernels = kernels
    }

    var kind: String { average ? "global average (\(kernels.isa.rawValue))" : "global max" }

    func run(_ arena: UnsafeMutableRawPointer) {
        let px = x.address(arena).assumingMemoryBound(to: Float.self), py = y.address(arena).assumingMemoryBound(to: Float.self)
        for plane in 0..<planes {
            if average {
                py[plane] = kernels.globalAverage(px + plane * size, size)
            } else {
                var best = -Float.infinity
                for i in 0..<size { best = Swift.max(best, px[plane * size + i]) }
                py[plane] = best
            }
        }
    }
}
