import CEngineKernels

/// Depthwise 2-D convolution (group = channels = output channels) with the direct C kernels:
/// im2col would spend most of its time copying for one multiply per tap.
final class DepthwiseConvStep: Step {
    let x: Location, y: Location, residual: Location?, scratch: Location
    let weights: AlignedBuffer, bias: AlignedBuffer?
    let batch: Int, channels: Int
    var params: ep_dwconv_params
    var activation: ep_activation
    var linear = Activation.linear.c
    let kernels: KernelTable

    init(x: Location, y: Location, residual: Location?, scratch: Location, weights: AlignedBuffer, bias: AlignedBuffer?, batch: Int,
         channels: Int, params: ep_dwconv_params, activation: Activation, kernels: KernelTable) {
        self.x = x
        self.y = y
        self.residual = residual
        self.scratch = scratch
        self.weights = weights
        self.bias = bias
        self.batch = batch
        self.channels = channels
        self.params = params
        self.activation = activation.c
        self.kernels = kernels
    }

    var kind: String { "depthwise \(params.kh)×\(params.kw) direct (\(kernels.isa.rawValue))" }

    func run(_ arena: UnsafeMutableRawPointer) {
        let input = x.address(arena).assumingMemoryBound(to: Float.self)
        let output = y.address(arena).assumingMemoryBound(to: Float.self)
        let padded = scratch.address(arena).assumingMemoryBound(to: Float.self)
        let inPlane = Int(params.ih * params.iw), outPlane = Int(params.oh * params.ow), taps = Int(params.kh * params.kw)
        var epilogueActivation = residual == nil ? activation : linear
        for n in 0..<batch {
            for c in 0..<channels {
                let plane = n * channels + c
                withUnsafePointer(to: &params) { p in
                    withUnsafePointer(to: &epilogueActivation) { a in
                        kernels.dwconv(input + plane * inPlane, weights.floats + c * taps, bias?.floats[c] ?? 0, output + plane * outPlane, p, a, padded)
                    }
                }
            }
            if let residual {
                let res = residual.address(arena).assumingMemoryBound(to: Float.self) + n * channels * outPlane
                withUnsafePointer(to: &activation) { kernels.epilogue(output + n * channels * outPlane, channels, outPlane, nil, res, $0) }
            }
        }
    }
}
