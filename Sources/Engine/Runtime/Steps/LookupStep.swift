import CEngineKernels

/// QLookup: one table read per byte (u8-lut kernel).
final class LookupStep: Step {
    let x: Location, y: Location, count: Int
    let table: [UInt8]

    init(x: Location, y: Location, count: Int, table: [UInt8]) {
        self.x = x
        self.y = y
        self.count = count
        self.table = table
    }

    var kind: String { "lookup uint8" }

    func run(_ arena: UnsafeMutableRawPointer) {
        let px = x.address(arena).assumingMemoryBound(to: UInt8.self), py = y.address(arena).assumingMemoryBound(to: UInt8.self)
        table.withUnsafeBufferPointer { ep_u8_lut_ukernel__scalar(count, px, $0.baseAddress, py) }
    }
}
