/// One step of a compiled plan: reads and writes arena memory through offsets fixed at
/// compile time; never allocates.
protocol Step: AnyObject {
    /// What the step is, for `inspect` (`conv 3×3 im2col+sgemm`, `reference Resize`).
    var kind: String { get }
    func run(_ arena: UnsafeMutableRawPointer)
}
