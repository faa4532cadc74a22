import CEngineKernels

/// MaxPool / AveragePool over 2-D planes with the f32-pool kernels.
final class PoolStep: Step {
    let x: Location, y: Location, planes: Int, max: Bool
    var params: ep_pool_params
    let kernels: KernelTable

    init(x: Location, y: Location, planes: Int, max: Bool, params: ep_pool_params, kernels: KernelTable) {
        self.kernels = kernels
        self.x = x
        self.y = y
        self.planes = planes
        self.max = max
        self.params = params
    }

    var kind: String { (max ? "maxpool " : "avgpool ") + "\(params.kh)×\(params.kw)" }

    func run(_ arena: UnsafeMutableRawPointer) {
        let px = x.address(arena).assumingMemoryBound(to: Float.self), py = y.address(arena).assumingMemoryBound(to: Float.self)
        let inPlane = Int(params.ih * params.iw), outPlane = Int(params.oh * params.ow)
        withUnsafePointer(to: &params) { p in
            for plane in 0..<planes {
                if max { kernels.maxPool(px + plane * inPlane, py + plane * outPlane, p) } else {
                    ep_f32_avgpool_ukernel__scalar(px + plane * inPlane, py + plane * outPlane, p)
                }
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
