import Foundation

/// 64-byte aligned memory owned by a compiled model: the arena, and packed constants.
final class AlignedBuffer: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    let bytes: Int

    init(bytes: Int) {
        self.bytes = bytes
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 64), alignment: 64)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(bytes, 64))
    }

    convenience init(floats: [Float]) {
        self.init(bytes: floats.count * 4)
        floats.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    }

    var floats: UnsafeMutablePointer<Float> { pointer.assumingMemoryBound(to: Float.self) }

    deinit { pointer.deallocate() }
}

/// Where a value lives at run time: an arena offset, or a constant buffer.
enum Location {
    case arena(offset: Int)
    case constant(AlignedBuffer)

    func address(_ arena: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        switch self {
        case .arena(let offset): arena + offset
        case .constant(let buffer): buffer.pointer
        }
    }
}
