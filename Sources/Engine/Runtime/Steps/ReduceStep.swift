/// A float reduction over any set of axes (ReduceOp.Kind says how values fold): one pass over
/// the input in order, the output slot followed by an odometer (output stride 0 on reduced
/// axes); when the innermost axis is reduced its run folds in a local accumulator.
final class ReduceStep: Step {
    let x: Location, y: Location
    let shape: [Int], slotStrides: [Int], outCount: Int, reduce: ReduceOp.Kind

    /// `slotStrides[d]`: how far the output slot moves per step along input axis d.
    init(x: Location, y: Location, shape: [Int], slotStrides: [Int], outCount: Int, reduce: ReduceOp.Kind) {
        self.x = x
        self.y = y
        self.shape = shape.isEmpty ? [1] : shape
        self.slotStrides = slotStrides.isEmpty ? [0] : slotStrides
        self.outCount = outCount
        self.reduce = reduce
    }

    var kind: String { "\(reduce.rawValue.dropFirst("Reduce".count).lowercased()) reduction" }

    func run(_ arena: UnsafeMutableRawPointer) {
        let px = UnsafePointer(x.address(arena).assumingMemoryBound(to: Float.self)), py = y.address(arena).assumingMemoryBound(to: Float.self)
        // Accumulators and the odometer live on the stack where they fit: no heap work per inference.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: outCount) { acc in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: shape.count) { index in
                acc.initialize(repeating: reduce.initial)
                index.initialize(repeating: 0)
                fold(px, acc, index)
            }
            let count = shape.reduce(1, *) / max(1, outCount)
            for i in 0..<outCount { py[i] = Float(reduce.finish(acc[i], count: count)) }
        }
    }

    private func fold(_ px: UnsafePointer<Float>, _ acc: UnsafeMutableBufferPointer<Double>, _ index: UnsafeMutableBufferPointer<Int>) {
        let inCount = shape.reduce(1, *)
        if inCount > 0 {
            let last = shape.count - 1, inner = shape[last], innerStride = slotStrides[last]
            var slot = 0, from = 0
            outer: while true {
                if innerStride == 0 {
                    var run = acc[slot]
                    for i in 0..<inner { run = reduce.add(run, Double(px[from + i])) }
                    acc[slot] = run
                } else {
                    for i in 0..<inner { acc[slot + i * innerStride] = reduce.add(acc[slot + i * innerStride], Double(px[from + i])) }
                }
                from += inner
                var axis = last - 1
                while axis >= 0 {
                    index[axis] += 1
                    slot += slotStrides[axis]
                    if index[axis] < shape[axis] { continue outer }
                    slot -= slotStrides[axis] * shape[axis]
                    index[axis] = 0
                    axis -= 1
                }
                break
            }
        }
    }
}
