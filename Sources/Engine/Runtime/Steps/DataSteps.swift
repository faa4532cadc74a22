/// Byte moves: Reshape/Flatten/Squeeze/Unsqueeze/Identity copy (any dtype).
final class CopyStep: Step {
    let x: Location, y: Location, bytes: Int
    init(x: Location, y: Location, bytes: Int) {
        self.x = x
        self.y = y
        self.bytes = bytes
    }

    var kind: String { "copy" }

    func run(_ arena: UnsafeMutableRawPointer) {
        let px = x.address(arena), py = y.address(arena)
        if px != py { py.copyMemory(from: px, byteCount: bytes) }
    }
}

/// Concat: each input's block copied per outer index — or nothing at all when the memory plan
/// placed every input in its slice of the output already (ConcatInPlace).
final class ConcatStep: Step {
    let inputs: [(Location, Int)]  // (location, block bytes per outer index)
    let y: Location, outer: Int
    let inPlace: Bool

    init(inputs: [(Location, Int)], y: Location, outer: Int) {
        self.inputs = inputs
        self.y = y
        self.outer = outer
        var expected: Int?
        if outer == 1, case .arena(let start) = y { expected = start }
        for (location, block) in inputs {
            guard let at = expected, case .arena(let offset) = location, offset == at else { expected = nil; break }
            expected = at + block
        }
        inPlace = expected != nil
    }

    var kind: String { inPlace ? "concat (in place)" : "concat" }

    func run(_ arena: UnsafeMutableRawPointer) {
        guard !inPlace else { return }
        var target = y.address(arena)
        for o in 0..<outer {
            for (location, block) in inputs {
                target.copyMemory(from: location.address(arena) + o * block, byteCount: block)
                target += block
            }
        }
    }
}
