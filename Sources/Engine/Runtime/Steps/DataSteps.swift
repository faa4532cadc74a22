/// Byte moves: Reshape/Flatten/Squeeze/Unsqueeze/Identity copy (any dtype); Concat copies
/// each input's block per outer index.
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

final class ConcatStep: Step {
    let inputs: [(Location, Int)]  // (location, block bytes per outer index)
    let y: Location, outer: Int

    init(inputs: [(Location, Int)], y: Location, outer: Int) {
        self.inputs = inputs
        self.y = y
        self.outer = outer
    }

    var kind: String { "concat" }

    func run(_ arena: UnsafeMutableRawPointer) {
        var target = y.address(arena)
        for o in 0..<outer {
            for (location, block) in inputs {
                target.copyMemory(from: location.address(arena) + o * block, byteCount: block)
                target += block
            }
        }
    }
}
