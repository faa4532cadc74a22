import EngineIR

/// Spatial geometry shared by Conv, ConvTranspose and the pools: kernel, strides, dilations,
/// pads (begin and end per axis) and output size, per ONNX's `auto_pad`, `pads` and `ceil_mode`.
public struct ConvGeometry: Sendable, Equatable {
    public var kernel: [Int]
    public var strides: [Int]
    public var dilations: [Int]
    public var padsBegin: [Int]
    public var padsEnd: [Int]
    public var input: [Int]
    public var output: [Int]

    static let autoPads: Set<String> = ["NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"]

    /// `spatial` = input spatial dims; `kernel` from the weight or `kernel_shape`.
    public static func make(_ node: Node, spatial: [Int], kernel: [Int], ceilMode: Bool = false) throws(EngineError) -> ConvGeometry {
        let rank = spatial.count
        let strides = node.ints("strides") ?? Array(repeating: 1, count: rank)
        let dilations = node.ints("dilations") ?? Array(repeating: 1, count: rank)
        let pads = node.ints("pads") ?? Array(repeating: 0, count: 2 * rank)
        guard strides.count == rank, dilations.count == rank, pads.count == 2 * rank, kernel.count == rank else {
            throw EngineError(.shape, "node \(node.label): strides/dilations/pads/kernel do not match \(rank) spatial dims")
        }
        guard strides.allSatisfy({ $0 > 0 }), dilations.allSatisfy({ $0 > 0 }), pads.allSatisfy({ $0 >= 0 }), kernel.allSatisfy({ $0 > 0 }) else {
            throw EngineError(.shape, "node \(node.label): strides, dilations and kernel must be positive and pads non-negative")
        }
        var geometry = ConvGeometry(kernel: kernel, strides: strides, dilations: dilations,
                                    padsBegin: Array(pads[0..<rank]), padsEnd: Array(pads[rank...]), input: spatial, output: [])
        let autoPad = node.string("auto_pad") ?? "NOTSET"
        for axis in 0..<rank {
            let extent = (kernel[axis] - 1) * dilations[axis] + 1
            switch autoPad {
            case "SAME_UPPER", "SAME_LOWER":
                let out = (spatial[axis] + strides[axis] - 1) / strides[axis]
                let total = max(0, (out - 1) * strides[axis] + extent - spatial[axis])
                let small = total / 2
                geometry.padsBegin[axis] = autoPad == "SAME_UPPER" ? small : total - small
                geometry.padsEnd[axis] = total - geometry.padsBegin[axis]
                geometry.output.append(out)
            case "VALID":
                geometry.padsBegin[axis] = 0
                geometry.padsEnd[axis] = 0
                geometry.output.append(max(0, (spatial[axis] - extent) / strides[axis] + 1))
            default:
                let span = spatial[axis] + geometry.padsBegin[axis] + geometry.padsEnd[axis] - extent
                guard span >= 0 else { throw EngineError(.shape, "node \(node.label): kernel larger than the padded input on axis \(axis)") }
                var out = (ceilMode ? (span + strides[axis] - 1) / strides[axis] : span / strides[axis]) + 1
                // ceil_mode: the last window must start inside the input or its begin padding.
                if ceilMode && (out - 1) * strides[axis] >= spatial[axis] + geometry.padsBegin[axis] { out -= 1 }
                geometry.output.append(out)
            }
        }
        return geometry
    }

    public static func checkAutoPad(_ node: Node) -> [String] {
        let autoPad = node.string("auto_pad") ?? "NOTSET"
        return autoPads.contains(autoPad) ? [] : ["node \(node.label): auto_pad '\(autoPad)'"]
    }
}

extension ConvGeometry {
    /// Where each (kernel tap, output position) reads in one input plane — index
    /// `tap · outputCount + o` — or −1 where it falls in the padding. For the reference loops.
    func tapOffsets() -> [Int] {
        let outSpatial = output.reduce(1, *), kSpatial = kernel.reduce(1, *)
        let outStrides = rowMajorStrides(output), kStrides = rowMajorStrides(kernel), inStrides = rowMajorStrides(input)
        var taps = [Int](repeating: -1, count: kSpatial * outSpatial)
        for tap in 0..<kSpatial {
            for o in 0..<outSpatial {
                var offset = 0, inside = true
                for axis in 0..<kernel.count {
                    let ii = (o / outStrides[axis]) % output[axis] * strides[axis] - padsBegin[axis]
                        + (tap / kStrides[axis]) % kernel[axis] * dilations[axis]
                    if ii < 0 || ii >= input[axis] { inside = false } else { offset += ii * inStrides[axis] }
                }
                if inside { taps[tap * outSpatial + o] = offset }
            }
        }
        return taps
    }
}
