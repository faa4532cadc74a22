/// A strided gather of any dtype: output element (i0, …, in) = input element at
/// offset + Σ i_d · strides[d] (in elements). Slice (steps included, YOLO's space-to-depth
/// "Focus" slices among them) and Transpose are both this; the innermost axis copies as one
/// run when its stride is 1.
final class StridedCopyStep: Step {
    let x: Location, y: Location
    let shape: [Int], strides: [Int], offset: Int, elementBytes: Int
    let name: String

    init(name: String, x: Location, y: Location, shape: [Int], strides: [Int], offset: Int, elementBytes: Int) {
        self.name = name
        self.x = x
        self.y = y
        self.shape = shape.isEmpty ? [1] : shape
        self.strides = strides.isEmpty ? [0] : strides
        self.offset = offset
        self.elementBytes = elementBytes
    }

    var kind: String { "\(name.lowercased()) (strided copy)" }

    func run(_ arena: UnsafeMutableRawPointer) {
        guard !shape.contains(0) else { return }
        // The odometer on the stack: no heap work per inference.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: shape.count) { index in
            index.initialize(repeating: 0)
            copy(x.address(arena), y.address(arena), index)
        }
    }

    private func copy(_ source: UnsafeMutableRawPointer, _ target: UnsafeMutableRawPointer, _ index: UnsafeMutableBufferPointer<Int>) {
        let last = shape.count - 1, inner = shape[last], innerStride = strides[last]
        var from = offset, to = 0
        while true {
            if innerStride == 1 {
                (target + to * elementBytes).copyMemory(from: source + from * elementBytes, byteCount: inner * elementBytes)
            } else if elementBytes == 4 {
                let s = (source + from * 4).assumingMemoryBound(to: UInt32.self), t = (target + to * 4).assumingMemoryBound(to: UInt32.self)
                for i in 0..<inner { t[i] = s[i * innerStride] }
            } else {
                for i in 0..<inner { (target + (to + i) * elementBytes).copyMemory(from: source + (from + i * innerStride) * elementBytes, byteCount: elementBytes) }
            }
            to += inner
            // Odometer over the outer axes.
            var axis = last - 1
            while axis >= 0 {
                index[axis] += 1
                from += strides[axis]
                if index[axis] < shape[axis] { break }
                from -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }
}
