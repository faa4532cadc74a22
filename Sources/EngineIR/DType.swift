/// Element types, with ONNX's TensorProto.DataType numbers.
public enum DType: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    case float32, uint8, int8, int32, int64, bool, float64, float16

    public var byteSize: Int {
        switch self {
        case .float32, .int32: 4
        case .uint8, .int8, .bool: 1
        case .float16: 2
        case .int64, .float64: 8
        }
    }

    /// ONNX `TensorProto.DataType` value.
    public var onnxCode: Int {
        switch self {
        case .float32: 1
        case .uint8: 2
        case .int8: 3
        case .int32: 6
        case .int64: 7
        case .bool: 9
        case .float64: 11
        case .float16: 10
        }
    }

    public init?(onnxCode: Int) {
        guard let type = DType.allCases.first(where: { $0.onnxCode == onnxCode }) else { return nil }
        self = type
    }

    /// ONNX names of the types the engine does not run, for error messages.
    public static func onnxName(_ code: Int) -> String {
        let names = [0: "UNDEFINED", 1: "FLOAT", 2: "UINT8", 3: "INT8", 4: "UINT16", 5: "INT16", 6: "INT32", 7: "INT64",
                     8: "STRING", 9: "BOOL", 10: "FLOAT16", 11: "DOUBLE", 12: "UINT32", 13: "UINT64", 14: "COMPLEX64",
                     15: "COMPLEX128", 16: "BFLOAT16"]
        return names[code] ?? "type \(code)"
    }
}
