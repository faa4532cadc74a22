import CEngineKernels

/// MaxPool / AveragePool over 2-D planes with the f32-pool kernels; MaxPool of uint8 (quantized)
/// planes with the u8-pool kernel.
final class PoolStep: Step {
    let x: Location, y: Location, planes: Int, max: Bool, uint8: Bool
    var params: ep_pool_params
    let kernels: KernelTable

    init(x: Location, y: Location, planes: Int, max: Bool, uint8: Bool = false, params: ep_pool_params, kernels: KernelTable) {
        self.kernels = kernels
        self.x = x
        self.y = y
        self.planes = planes
        self.max = max
        self.uint8 = uint8
        self.params = params
    }

    var kind: String { (max ? "maxpool " : "avgpool ") + "\(params.kh)×\(params.kw)" + (uint8 ? " uint8" : "") }

    func run(_ arena: UnsafeMutableRawPointer) {
        let inPlane = Int(params.ih * params.iw), outPlane = Int(params.oh * params.ow)
        withUnsafePointer(to: &params) { p in
            if uint8 {
                let px = x.address(arena).assumingMemoryBound(to: UInt8.self), py = y.address(arena).assumingMemoryBound(to: UInt8.self)
                for plane in 0..<planes { ep_u8_maxpool_ukernel__scalar(px + plane * inPlane, py + plane * outPlane, p) }
                return
            }
            let px = x.address(arena).assumingMemoryBound(to: Float.self), py = y.address(arena).assumingMemoryBound(to: Float.self)
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
