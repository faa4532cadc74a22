/// QLookup: one table read per byte (u8-lut kernel).
final class LookupStep: Step {
    let x: Location, y: Location, count: Int
    let table: [UInt8]
    let kernels: KernelTable

    init(x: Location, y: Location, count: Int, table: [UInt8], kernels: KernelTable) {
        self.kernels = kernels
        self.x = x
        self.y = y
        self.count = count
        self.table = table
    }

    var kind: String { "lookup uint8 (\(kernels.isa))" }

    func run(_ arena: UnsafeMutableRawPointer) {
        let px = x.address(arena).assumingMemoryBound(to: UInt8.self), py = y.address(arena).assumingMemoryBound(to: UInt8.self)
        table.withUnsafeBufferPointer { kernels.lookupU8(count, px, $0.baseAddress, py) }
    }
}
