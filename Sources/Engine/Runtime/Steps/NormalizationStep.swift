/// LRN and MeanVarianceNormalization on the arena, through their operators' one implementation.
final class NormalizationStep: Step {
    let x: Location, y: Location
    let name: String
    let compute: @Sendable (UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void

    init(name: String, x: Location, y: Location, compute: @escaping @Sendable (UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) {
        self.name = name
        self.x = x
        self.y = y
        self.compute = compute
    }

    var kind: String { name.lowercased() }

    func run(_ arena: UnsafeMutableRawPointer) {
        compute(UnsafePointer(x.address(arena).assumingMemoryBound(to: Float.self)), y.address(arena).assumingMemoryBound(to: Float.self))
    }
}
