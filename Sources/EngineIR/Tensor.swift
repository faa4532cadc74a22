/// A tensor value: element type, shape (row-major, C order) and elements. Values, not views:
/// used for initializers, constants and the reference operators.
public struct Tensor: Sendable, Equatable {
    public enum Storage: Sendable, Equatable {
        case float32([Float])
        case float64([Double])
        case int64([Int64])
        case int32([Int32])
        case int8([Int8])
        case uint8([UInt8])
        case bool([Bool])
        case float16([Float16])
    }

    public var shape: [Int]
    public var storage: Storage

    public init(shape: [Int], storage: Storage) {
        self.shape = shape
        self.storage = storage
    }

    public init(shape: [Int], floats: [Float]) { self.init(shape: shape, storage: .float32(floats)) }
    public init(shape: [Int], int64s: [Int64]) { self.init(shape: shape, storage: .int64(int64s)) }

    public var dtype: DType {
        switch storage {
        case .float32: .float32
        case .float64: .float64
        case .int64: .int64
        case .int32: .int32
        case .int8: .int8
        case .uint8: .uint8
        case .bool: .bool
        case .float16: .float16
        }
    }

    public var count: Int { shape.reduce(1, *) }
    public var byteCount: Int { count * dtype.byteSize }

    /// Elements as Float (any numeric type).
    public var floats: [Float] {
        switch storage {
        case .float32(let v): v
        case .float64(let v): v.map { Float($0) }
        case .int64(let v): v.map { Float($0) }
        case .int32(let v): v.map { Float($0) }
        case .int8(let v): v.map { Float($0) }
        case .uint8(let v): v.map { Float($0) }
        case .bool(let v): v.map { $0 ? 1 : 0 }
        case .float16(let v): v.map { Float($0) }
        }
    }

    /// Elements as Int64 (integer types; floats truncated toward zero).
    public var int64s: [Int64] {
        switch storage {
        case .float32(let v): v.map { Int64($0) }
        case .float64(let v): v.map { Int64($0) }
        case .int64(let v): v
        case .int32(let v): v.map { Int64($0) }
        case .int8(let v): v.map { Int64($0) }
        case .uint8(let v): v.map { Int64($0) }
        case .bool(let v): v.map { $0 ? 1 : 0 }
        case .float16(let v): v.map { Int64(Float($0)) }
        }
    }

    public var ints: [Int] { int64s.map { Int(truncatingIfNeeded: $0) } }

    /// A tensor of `dtype` from Double values (the reference operators compute in Double
    /// for integer types and Float for float32, then store in the target type).
    public static func from(_ values: [Double], shape: [Int], dtype: DType) -> Tensor {
        switch dtype {
        case .float32: Tensor(shape: shape, storage: .float32(values.map { Float($0) }))
        case .float64: Tensor(shape: shape, storage: .float64(values))
        case .int64: Tensor(shape: shape, storage: .int64(values.map { Int64(clamping: $0) }))
        case .int32: Tensor(shape: shape, storage: .int32(values.map { Int32(clamping: $0) }))
        case .int8: Tensor(shape: shape, storage: .int8(values.map { Int8(clamping: $0) }))
        case .uint8: Tensor(shape: shape, storage: .uint8(values.map { UInt8(clamping: $0) }))
        case .bool: Tensor(shape: shape, storage: .bool(values.map { $0 != 0 }))
        case .float16: Tensor(shape: shape, storage: .float16(values.map { Float16(Float($0)) }))
        }
    }

    public var doubles: [Double] {
        switch storage {
        case .float32(let v): v.map { Double($0) }
        case .float64(let v): v
        case .int64(let v): v.map { Double($0) }
        case .int32(let v): v.map { Double($0) }
        case .int8(let v): v.map { Double($0) }
        case .uint8(let v): v.map { Double($0) }
        case .bool(let v): v.map { $0 ? 1 : 0 }
        case .float16(let v): v.map { Double(Float($0)) }
        }
    }

    /// The elements gathered by flat indices, keeping the type (moves for any dtype).
    public func gathered(_ indices: [Int], shape newShape: [Int]) -> Tensor {
        switch storage {
        case .float32(let v): Tensor(shape: newShape, storage: .float32(indices.map { v[$0] }))
        case .float64(let v): Tensor(shape: newShape, storage: .float64(indices.map { v[$0] }))
        case .int64(let v): Tensor(shape: newShape, storage: .int64(indices.map { v[$0] }))
        case .int32(let v): Tensor(shape: newShape, storage: .int32(indices.map { v[$0] }))
        case .int8(let v): Tensor(shape: newShape, storage: .int8(indices.map { v[$0] }))
        case .uint8(let v): Tensor(shape: newShape, storage: .uint8(indices.map { v[$0] }))
        case .bool(let v): Tensor(shape: newShape, storage: .bool(indices.map { v[$0] }))
        case .float16(let v): Tensor(shape: newShape, storage: .float16(indices.map { v[$0] }))
        }
    }

    public func reshaped(_ newShape: [Int]) -> Tensor { Tensor(shape: newShape, storage: storage) }
}

extension Int64 {
    init(clamping value: Double) {
        if value.isNaN { self = 0 } else if value >= 9.2e18 { self = .max } else if value <= -9.2e18 { self = .min } else { self = Int64(value) }
    }
}

extension Int32 {
    init(clamping value: Double) { self = Int32(clamping: Int64(clamping: value)) }
}

extension Int8 {
    init(clamping value: Double) { self = Int8(clamping: Int64(clamping: value)) }
}

extension UInt8 {
    init(clamping value: Double) { self = UInt8(clamping: Int64(clamping: value)) }
}
