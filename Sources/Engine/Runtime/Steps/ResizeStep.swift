/// Resize of float32 NCHW tensors over H and W (N and C unscaled): nearest (a gather by
/// precomputed indices) or bilinear (precomputed index pairs and weights per row and column),
/// in every coordinate mode the reference takes — the taps are the reference's own
/// (`ResizeOp.taps`), computed once at compile time.
final class ResizeStep: Step {
    let x: Location, y: Location
    let planes: Int, inH: Int, inW: Int
    let rows: [(low: Int, high: Int, weight: Float)]
    let columns: [(low: Int, high: Int, weight: Float)]
    let linear: Bool

    /// Nil when the taps scale N or C (the reference runs then).
    init?(x: Location, y: Location, inShape: [Int], taps: [[(Int, Int, Double)]], linear: Bool) {
        func unscaled(_ axis: Int) -> Bool {
            taps[axis].count == inShape[axis] && taps[axis].enumerated().allSatisfy { $0.element.0 == $0.offset && $0.element.2 == 0 }
        }
        guard inShape.count == 4, taps.count == 4, unscaled(0), unscaled(1) else { return nil }
        self.x = x
        self.y = y
        planes = inShape[0] * inShape[1]
        inH = inShape[2]
        inW = inShape[3]
        rows = taps[2].map { ($0.0, $0.1, Float($0.2)) }
        columns = taps[3].map { ($0.0, $0.1, Float($0.2)) }
        self.linear = linear
    }

    var kind: String { "resize \(linear ? "bilinear" : "nearest") \(inH)×\(inW)→\(rows.count)×\(columns.count)" }

    func run(_ arena: UnsafeMutableRawPointer) {
        let input = x.address(arena).assumingMemoryBound(to: Float.self)
        var output = y.address(arena).assumingMemoryBound(to: Float.self)
        let outW = columns.count
        rows.withUnsafeBufferPointer { rows in
            columns.withUnsafeBufferPointer { columns in
                for plane in 0..<planes {
                    let source = input + plane * inH * inW
                    for row in rows {
                        let top = source + row.low * inW
                        if !linear {
                            for ox in 0..<outW { output[ox] = top[columns[ox].low] }
                        } else {
                            let bottom = source + row.high * inW, wy = row.weight
                            for ox in 0..<outW {
                                let c = columns[ox], wx = c.weight
                                let upper = (1 - wx) * top[c.low] + wx * top[c.high]
                                let lower = (1 - wx) * bottom[c.low] + wx * bottom[c.high]
                                output[ox] = (1 - wy) * upper + wy * lower
                            }
                        }
                        output += outW
                    }
                }
            }
        }
    }
}
