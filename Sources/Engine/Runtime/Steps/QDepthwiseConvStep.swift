import CEngineKernels

/// Integer depthwise 2-D convolution (group = channels = output channels): per channel plane,
/// the qu8-qc8w-dwconv kernel reads uint8 activations and int8 weights and requantizes to uint8
/// with that channel's folded bias and multiplier — no float round trip.
final class QDepthwiseConvStep: Step {
    let x: Location, y: Location, scratch: Location
    let weights: [Int8]
    var channelParams: [ep_qdwconv_channel]
    let batch: Int, channels: Int
    var params: ep_dwconv_params
    let kernels: KernelTable

    static func scratchBytes(_ params: ep_dwconv_params) -> Int {
        var p = params
        return ep_qu8_dwconv_scratch_bytes(&p)
    }

    init(x: Location, y: Location, scratch: Location, weights: [Int8], bias: [Int32], multiplier: [Float], batch: Int, channels: Int,
         xZero: Int32, params: ep_dwconv_params, yZero: Int32, yMin: Int32, yMax: Int32, kernels: KernelTable) {
        self.x = x
        self.y = y
        self.scratch = scratch
        self.weights = weights
        channelParams = (0..<channels).map {
            ep_qdwconv_channel(bias: bias[$0], multiplier: multiplier[$0], y_zero: yZero, y_min: yMin, y_max: yMax, x_zero: xZero)
        }
        self.batch = batch
        self.channels = channels
        self.params = params
        self.kernels = kernels
    }

    var kind: String { "qdepthwise \(params.kh)×\(params.kw) int8 direct (\(kernels.isa.rawValue))" }

    func run(_ arena: UnsafeMutableRawPointer) {
        let input = x.address(arena).assumingMemoryBound(to: UInt8.self)
        let output = y.address(arena).assumingMemoryBound(to: UInt8.self)
        let padded = scratch.address(arena).assumingMemoryBound(to: UInt8.self)
        let inPlane = Int(params.ih * params.iw), outPlane = Int(params.oh * params.ow), taps = Int(params.kh * params.kw)
        weights.withUnsafeBufferPointer { w in
            channelParams.withUnsafeBufferPointer { c in
                withUnsafePointer(to: &params) { p in
                    for n in 0..<batch {
                        for ch in 0..<channels {
                            let plane = n * channels + ch
                            kernels.qdwconv(input + plane * inPlane, w.baseAddress! + ch * taps, output + plane * outPlane, p,
                                            c.baseAddress! + ch, padded)
                        }
                    }
                }
            }
        }
    }
}
