import EngineIR

/// NumPy-style (multidirectional) broadcasting, as ONNX's Add/Mul/… use.
public enum Broadcast {
    public static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        let pa = Array(repeating: 1, count: rank - a.count) + a
        let pb = Array(repeating: 1, count: rank - b.count) + b
        var out: [Int] = []
        for (x, y) in zip(pa, pb) {
            if x == y || y == 1 { out.append(x) } else if x == 1 { out.append(y) } else { return nil }
        }
        return out
    }

    public static func shape(_ shapes: [[Int]]) -> [Int]? {
        var result: [Int] = []
        for s in shapes {
            guard let next = shape(result, s) else { return nil }
            result = next
        }
        return result
    }

    /// Element strides of `shape` seen through the broadcast `out` shape (0 where broadcast).
    public static func strides(_ shape: [Int], to out: [Int]) -> [Int] {
        let padded = Array(repeating: 1, count: out.count - shape.count) + shape
        var strides = Array(repeating: 0, count: out.count)
        var running = 1
        for axis in (0..<out.count).reversed() {
            strides[axis] = padded[axis] == 1 ? 0 : running
            running *= padded[axis]
        }
        return strides
    }

    /// For each output element (row-major), the flat index into an input of `shape`.
    public static func indices(_ shape: [Int], to out: [Int]) -> [Int] {
        stridedIndices(out, strides: strides(shape, to: out))
    }

    /// Flat source indices walking `shape` row-major with the given element strides.
    public static func stridedIndices(_ shape: [Int], strides: [Int], offset: Int = 0) -> [Int] {
        let count = shape.reduce(1, *)
        var result = [Int](repeating: 0, count: count)
        var coordinate = [Int](repeating: 0, count: shape.count)
        var position = offset
        for flat in 0..<count {
            result[flat] = position
            var axis = shape.count - 1
            while axis >= 0 {
                coordinate[axis] += 1
                position += strides[axis]
                if coordinate[axis] < shape[axis] { break }
                position -= strides[axis] * coordinate[axis]
                coordinate[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}

/// Row-major strides of a shape.
public func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = Array(repeating: 1, count: shape.count)
    var running = 1
    for axis in (0..<shape.count).reversed() {
        strides[axis] = running
        running *= shape[axis]
    }
    return strides
}

/// A possibly negative axis made non-negative; nil when out of range.
public func normalizedAxis(_ axis: Int, rank: Int) -> Int? {
    let value = axis < 0 ? axis + rank : axis
    return value >= 0 && value < rank ? value : nil
}
