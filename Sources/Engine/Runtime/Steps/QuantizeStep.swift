import CEngineKernels
import Foundation

/// QuantizeLinear (float32 → uint8/int8) and DequantizeLinear (uint8/int8 → float32) with
/// constant scales and zero points, per tensor or per axis (`period` channels of `inner`
/// elements), as plain loops over arena memory.
final class QuantizeStep: Step {
    let x: Location, y: Location, count: Int, inner: Int
    let scales: [Float], zeros: [Float]
    let quantize: Bool, signed: Bool
    let kernels: KernelTable

    init(x: Location, y: Location, count: Int, inner: Int, scales: [Float], zeros: [Float], quantize: Bool, signed: Bool,
         kernels: KernelTable) {
        self.kernels = kernels
        self.x = x
        self.y = y
        self.count = count
        self.inner = inner
        self.scales = scales
        self.zeros = zeros
        self.quantize = quantize
        self.signed = signed
    }

    /// Per-tensor uint8 runs on the ISA kernels; the rest is a plain loop.
    var onKernels: Bool { scales.count == 1 && !signed }

    var kind: String {
        (quantize ? "quantize" : "dequantize") + (signed ? " int8" : " uint8") + (scales.count > 1 ? " per-axis" : "")
            + (onKernels ? " (\(kernels.isa))" : "")
    }

    func run(_ arena: UnsafeMutableRawPointer) {
        let px = x.address(arena), py = y.address(arena)
        if onKernels {
            if quantize {
                kernels.quantizeU8(count, px.assumingMemoryBound(to: Float.self), scales[0], Int32(zeros[0]), py.assumingMemoryBound(to: UInt8.self))
            } else {
                kernels.dequantizeU8(count, px.assumingMemoryBound(to: UInt8.self), scales[0], Int32(zeros[0]), py.assumingMemoryBound(to: Float.self))
            }
            return
        }
        let period = scales.count
        let low: Float = signed ? -128 : 0, high: Float = signed ? 127 : 255
        for i in 0..<count {
            let c = period > 1 ? (i / inner) % period : 0
            if quantize {
                let v = px.assumingMemoryBound(to: Float.self)[i]
                let r = (v / scales[c]).rounded(.toNearestOrEven) + zeros[c]
                let q = r.isNaN ? zeros[c] : min(max(r, low), high)  // NaN quantizes to the zero point
                if signed { py.assumingMemoryBound(to: Int8.self)[i] = Int8(q) } else { py.assumingMemoryBound(to: UInt8.self)[i] = UInt8(q) }
            } else {
                let q: Float = signed ? Float(px.assumingMemoryBound(to: Int8.self)[i]) : Float(px.assumingMemoryBound(to: UInt8.self)[i])
                py.assumingMemoryBound(to: Float.self)[i] = (q - zeros[c]) * scales[c]
            }
        }
    }
}
