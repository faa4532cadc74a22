import EngineIR
import Foundation

/// TensorProto → Tensor, refusing what a hostile file could use to crash a reader: negative
/// dims, element counts that overflow, data whose size does not match the shape, external data.
enum TensorProtoReader {
    static func tensor(_ proto: Onnx_TensorProto, what: String) throws(EngineError) -> Tensor {
        if proto.dataLocation == .external || !proto.externalData.isEmpty {
            throw EngineError(.unsupported, "", items: ["\(what): external-data tensors are not supported (store the weights inside the model file)"])
        }
        guard let dtype = DType(onnxCode: Int(proto.dataType)) else {
            throw EngineError(.unsupported, "", items: ["\(what): element type \(DType.onnxName(Int(proto.dataType)))"])
        }
        var count = 1
        var shape: [Int] = []
        for dim in proto.dims {
            guard dim >= 0 else { throw EngineError(.invalidModel, "\(what): negative dimension \(dim)") }
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(dim))
            guard !overflow, product <= Int(Int32.max) else {
                throw EngineError(.invalidModel, "\(what): dimensions \(proto.dims) overflow the element count")
            }
            count = product
            shape.append(Int(dim))
        }
        if proto.hasRawData {
            let expected = count * dtype.byteSize
            guard proto.rawData.count == expected else {
                throw EngineError(.invalidModel, "\(what): raw_data holds \(proto.rawData.count) bytes, shape \(shape) of \(dtype) needs \(expected)")
            }
            return fromRaw(proto.rawData, shape: shape, dtype: dtype)
        }
        let typedCount: Int
        switch dtype {
        case .float32: typedCount = proto.floatData.count
        case .float64: typedCount = proto.doubleData.count
        case .int64: typedCount = proto.int64Data.count
        case .int32, .int8, .uint8, .bool, .float16: typedCount = proto.int32Data.count
        }
        guard typedCount == count else {
            throw EngineError(.invalidModel, "\(what): holds \(typedCount) elements, shape \(shape) needs \(count)")
        }
        // Narrow types travel in int32_data: a value outside the type is a hostile or broken
        // file, never silently truncated.
        let narrow: ClosedRange<Int32>? = dtype == .int8 ? -128...127 : dtype == .uint8 ? 0...255 : dtype == .bool ? 0...1 : nil
        if let narrow, let bad = proto.int32Data.first(where: { !narrow.contains($0) }) {
            throw EngineError(.invalidModel, "\(what): value \(bad) is outside \(dtype)")
        }
        switch dtype {
        case .float32: return Tensor(shape: shape, storage: .float32(proto.floatData))
        case .float64: return Tensor(shape: shape, storage: .float64(proto.doubleData))
        case .int64: return Tensor(shape: shape, storage: .int64(proto.int64Data))
        case .int32: return Tensor(shape: shape, storage: .int32(proto.int32Data))
        case .int8: return Tensor(shape: shape, storage: .int8(proto.int32Data.map { Int8(truncatingIfNeeded: $0) }))
        case .uint8: return Tensor(shape: shape, storage: .uint8(proto.int32Data.map { UInt8(truncatingIfNeeded: $0) }))
        case .bool: return Tensor(shape: shape, storage: .bool(proto.int32Data.map { $0 != 0 }))
        case .float16:  // int32_data holds each value's 16 bits
            return Tensor(shape: shape, storage: .float16(proto.int32Data.map { Float16(bitPattern: UInt16(truncatingIfNeeded: $0)) }))
        }
    }

    /// Little-endian raw bytes (ONNX stores raw_data little-endian).
    static func fromRaw(_ data: Data, shape: [Int], dtype: DType) -> Tensor {
        func load<T>(_ type: T.Type) -> [T] {
            let count = data.count / MemoryLayout<T>.stride
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                _ = data.copyBytes(to: buffer)
                initialized = count
            }
        }
        switch dtype {
        case .float32: return Tensor(shape: shape, storage: .float32(load(Float.self)))
        case .float64: return Tensor(shape: shape, storage: .float64(load(Double.self)))
        case .int64: return Tensor(shape: shape, storage: .int64(load(Int64.self)))
        case .int32: return Tensor(shape: shape, storage: .int32(load(Int32.self)))
        case .int8: return Tensor(shape: shape, storage: .int8(load(Int8.self)))
        case .uint8: return Tensor(shape: shape, storage: .uint8(load(UInt8.self)))
        case .bool: return Tensor(shape: shape, storage: .bool(load(UInt8.self).map { $0 != 0 }))
        case .float16: return Tensor(shape: shape, storage: .float16(load(Float16.self)))
        }
    }
}
