import CEngineKernels
import Foundation

/// Add/Sub/Mul/Div on float32 with broadcasting, through the f32-vbinary kernels: equal
/// shapes, a scalar on either side, one value per row (NCHW × [N|1, C, 1, 1]), or a general
/// strided walk.
final class BinaryStep: Step {
    enum Mode {
        case same(count: Int)
        case scalarB(count: Int)
        case scalarA(count: Int)
        /// a is [rows × size]; b holds `period` values, row r uses b[r % period].
        case rows(rows: Int, size: Int, period: Int)
        case strided(shape: [Int], aStrides: [Int], bStrides: [Int])
    }

    let op: Int32, mode: Mode
    let a: Location, b: Location, y: Location
    var activation = Activation.linear.c
    let kernels: KernelTable

    init(op: Int32, mode: Mode, a: Location, b: Location, y: Location, kernels: KernelTable) {
        self.op = op
        self.mode = mode
        self.a = a
        self.b = b
        self.y = y
        self.kernels = kernels
    }

    var kind: String {
        switch mode {
        case .same: "binary same-shape"
        case .scalarA, .scalarB: "binary scalar"
        case .rows: "binary per-channel"
        case .strided: "binary strided"
        }
    }

    func run(_ arena: UnsafeMutableRawPointer) {
        let pa = a.address(arena).assumingMemoryBound(to: Float.self)
        let pb = b.address(arena).assumingMemoryBound(to: Float.self)
        let py = y.address(arena).assumingMemoryBound(to: Float.self)
        withUnsafePointer(to: &activation) { act in
            switch mode {
            case .same(let count): kernels.vbinary(op, count, pa, pb, py, act)
            case .scalarB(let count): kernels.vbinaryc(op, count, pa, pb.pointee, py, act)
            case .scalarA(let count): ep_f32_vrbinaryc_ukernel__scalar(op, count, pb, pa.pointee, py, act)
            case .rows(let rows, let size, let period):
                for row in 0..<rows { kernels.vbinaryc(op, size, pa + row * size, pb[row % period], py + row * size, act) }
            case .strided(let shape, let aStrides, let bStrides):
                shape.withUnsafeBufferPointer { s in
                    aStrides.withUnsafeBufferPointer { sa in
                        bStrides.withUnsafeBufferPointer { sb in
                            ep_f32_vbinary_strided(op, Int32(shape.count), s.baseAddress, pa, sa.baseAddress, pb, sb.baseAddress, py, act)
                        }
                    }
                }
            }
        }
    }
}

/// An activation the epilogue kernel expresses (Relu, Clip, HardSigmoid, HardSwish) applied
/// out of place: copy, then one in-place pass.
final class ActivationStep: Step {
    let x: Location, y: Location, count: Int
    var activation: ep_activation
    let kernels: KernelTable

    init(x: Location, y: Location, count: Int, activation: Activation, kernels: KernelTable) {
        self.x = x
        self.y = y
        self.count = count
        self.activation = activation.c
        self.kernels = kernels
    }

    var kind: String { "activation (\(kernels.isa.rawValue))" }

    func run(_ arena: UnsafeMutableRawPointer) {
        let px = x.address(arena), py = y.address(arena)
        if px != py { py.copyMemory(from: px, byteCount: count * 4) }
        withUnsafePointer(to: &activation) { kernels.epilogue(py.assumingMemoryBound(to: Float.self), 1, count, nil, nil, $0) }
    }
}

/// Other float unary functions (Sigmoid, Tanh, Exp, …) as a plain loop.
final class UnaryStep: Step {
    let x: Location, y: Location, count: Int
    let function: (Float) -> Float
    let name: String

    init(name: String, x: Location, y: Location, count: Int, function: @escaping (Float) -> Float) {
        self.name = name
        self.x = x
        self.y = y
        self.count = count
        self.function = function
    }

    var kind: String { "unary \(name)" }

    func run(_ arena: UnsafeMutableRawPointer) {
        let px = x.address(arena).assumingMemoryBound(to: Float.self), py = y.address(arena).assumingMemoryBound(to: Float.self)
        for i in 0..<count { py[i] = function(px[i]) }
    }
}

/// Softmax over `extent` elements at stride `inner`, for each of outer × inner positions.
final class SoftmaxStep: Step {
    let x: Location, y: Location, outer: Int, extent: Int, inner: Int
    let mode: SoftmaxOp.Mode
    init(x: Location, y: Location, outer: Int, extent: Int, inner: Int, mode: SoftmaxOp.Mode) {
        self.x = x
        self.y = y
        self.outer = outer
        self.extent = extent
        self.inner = inner
        self.mode = mode
    }

    var kind: String { mode.rawValue.lowercased() }

    func run(_ arena: UnsafeMutableRawPointer) {
        let px = x.address(arena).assumingMemoryBound(to: Float.self), py = y.address(arena).assumingMemoryBound(to: Float.self)
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * extent * inner + i
                var peak = -Float.infinity, first = 0
                for e in 0..<extent where px[base + e * inner] > peak || e == 0 {
                    peak = px[base + e * inner]
                    first = e
                }
                if mode == .hardmax {
                    for e in 0..<extent { py[base + e * inner] = e == first ? 1 : 0 }
                    continue
                }
                var sum: Float = 0
                for e in 0..<extent {
                    let t = expf(px[base + e * inner] - peak)
                    if mode == .softmax { py[base + e * inner] = t }
                    sum += t
                }
                if mode == .softmax {
                    let scale = 1 / sum
                    for e in 0..<extent { py[base + e * inner] *= scale }
                } else {
                    let shift = peak + logf(sum)
                    for e in 0..<extent { py[base + e * inner] = px[base + e * inner] - shift }
                }
            }
        }
    }
}
