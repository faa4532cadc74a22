import CEngineBLAS
import CEngineKernels

/// 2-D convolution as GEMM: per image and group, W[m×k] · columns[k×(oh·ow)] through OpenBLAS
/// `cblas_sgemm`, where columns is the input itself for 1×1 stride-1 unpadded convolutions and
/// im2col otherwise — built a tile of output positions at a time (`columnTile`), so that the
/// columns stay in cache instead of streaming K·N floats through memory and back; bias,
/// residual and activation in one epilogue pass.
final class ConvStep: Step {
    let x: Location, y: Location, residual: Location?, scratch: Location?
    let weights: AlignedBuffer, bias: AlignedBuffer?
    let batch: Int, channels: Int, outChannels: Int, group: Int
    var params: ep_dwconv_params
    var activation: ep_activation
    let kernels: KernelTable
    let pointwise: Bool

    init(x: Location, y: Location, residual: Location?, scratch: Location?, weights: AlignedBuffer, bias: AlignedBuffer?,
         batch: Int, channels: Int, outChannels: Int, group: Int, params: ep_dwconv_params, activation: Activation,
         kernels: KernelTable) {
        self.x = x
        self.y = y
        self.residual = residual
        self.scratch = scratch
        self.weights = weights
        self.bias = bias
        self.batch = batch
        self.channels = channels
        self.outChannels = outChannels
        self.group = group
        self.params = params
        self.activation = activation.c
        self.kernels = kernels
        pointwise = scratch == nil
    }

    /// Output positions per im2col tile: about 2 MiB of columns (L2/L3-resident), at least 256
    /// (OpenBLAS needs a wide enough panel), a multiple of 64, never more than the positions.
    static func columnTile(k: Int, n: Int) -> Int {
        min(n, max(256, (2 << 20) / 4 / max(1, k) / 64 * 64))
    }

    static func isPointwise(_ p: ep_dwconv_params) -> Bool {
        p.kh == 1 && p.kw == 1 && p.stride_h == 1 && p.stride_w == 1 && p.pad_top == 0 && p.pad_left == 0 && p.oh == p.ih && p.ow == p.iw
    }

    var kind: String { pointwise ? "conv 1×1 sgemm" : "conv \(params.kh)×\(params.kw) im2col+sgemm" + (group > 1 ? " ×\(group) groups" : "") }

    func run(_ arena: UnsafeMutableRawPointer) {
        let input = x.address(arena).assumingMemoryBound(to: Float.self)
        let output = y.address(arena).assumingMemoryBound(to: Float.self)
        let columns = scratch?.address(arena).assumingMemoryBound(to: Float.self)
        let inPlane = Int(params.ih * params.iw), outPlane = Int(params.oh * params.ow)
        let cPerGroup = channels / group, mPerGroup = outChannels / group
        let k = cPerGroup * Int(params.kh * params.kw)
        for n in 0..<batch {
            for g in 0..<group {
                let source = input + (n * channels + g * cPerGroup) * inPlane
                let target = output + (n * outChannels + g * mPerGroup) * outPlane
                guard let columns else {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(mPerGroup), Int32(outPlane), Int32(k), 1,
                                weights.floats + g * mPerGroup * k, Int32(k), source, Int32(outPlane), 0, target, Int32(outPlane))
                    continue
                }
                let tile = Self.columnTile(k: k, n: outPlane)
                for first in stride(from: 0, to: outPlane, by: tile) {
                    let count = min(tile, outPlane - first)
                    withUnsafePointer(to: &params) { ep_x32_im2col_range(source, Int32(cPerGroup), $0, Int32(first), Int32(count), columns) }
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(mPerGroup), Int32(count), Int32(k), 1,
                                weights.floats + g * mPerGroup * k, Int32(k), columns, Int32(count), 0, target + first, Int32(outPlane))
                }
            }
            let res = residual.map { UnsafePointer($0.address(arena).assumingMemoryBound(to: Float.self) + n * outChannels * outPlane) }
            withUnsafePointer(to: &activation) {
                kernels.epilogue(output + n * outChannels * outPlane, outChannels, outPlane, bias.map { UnsafePointer($0.floats) }, res, $0)
            }
        }
    }
}

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
