import Foundation
import EngineIR

/// Runs an operator with its reference implementation, for ops and dtypes without a kernel
/// (Resize, Pad, Transpose, Gather on runtime data, integer math, …). It copies its inputs
/// into tensors, so unlike kernel steps it allocates; `inspect` lists these steps.
final class ReferenceStep: Step {
    let operatorKind: any OperatorKind
    let node: Node
    let opset: Int
    let inputs: [(Location, ValueType)?]
    let constants: [Tensor?]
    let outputs: [(Location, ValueType)?]

    init(operatorKind: any OperatorKind, node: Node, opset: Int, inputs: [(Location, ValueType)?], constants: [Tensor?],
         outputs: [(Location, ValueType)?]) {
        self.operatorKind = operatorKind
        self.node = node
        self.opset = opset
        self.inputs = inputs
        self.constants = constants
        self.outputs = outputs
    }

    var kind: String { "reference \(node.opType)" }

    func run(_ arena: UnsafeMutableRawPointer) {
        let values: [Tensor?] = inputs.enumerated().map { index, input in
            if let constant = constants[index] { return constant }
            guard let (location, type) = input else { return nil }
            return TensorMemory.read(location.address(arena), type)
        }
        let context = NodeContext(node: node, opset: opset, types: inputs.map { $0?.1 }, constants: constants)
        // Shapes were checked at compile time; a failure here is a data error (e.g. a Gather
        // index out of range), which leaves the output zeroed rather than crashing.
        guard let results = try? operatorKind.evaluate(context, values) else {
            for case let (location, type)? in outputs { location.address(arena).initializeMemory(as: UInt8.self, repeating: 0, count: type.count * type.dtype.byteSize) }
            return
        }
        for (output, result) in zip(outputs, results) {
            guard let (location, _) = output else { continue }
            TensorMemory.write(result, to: location.address(arena))
        }
    }
}

/// Tensor ↔ raw little-endian memory.
public enum TensorMemory {
    public static func read(_ pointer: UnsafeRawPointer, _ type: ValueType) -> Tensor {
        let n = type.count
        func load<T>(_: T.Type) -> [T] { Array(UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: T.self), count: n)) }
        switch type.dtype {
        case .float32: return Tensor(shape: type.shape, storage: .float32(load(Float.self)))
        case .float64: return Tensor(shape: type.shape, storage: .float64(load(Double.self)))
        case .int64: return Tensor(shape: type.shape, storage: .int64(load(Int64.self)))
        case .int32: return Tensor(shape: type.shape, storage: .int32(load(Int32.self)))
        case .int8: return Tensor(shape: type.shape, storage: .int8(load(Int8.self)))
        case .uint8: return Tensor(shape: type.shape, storage: .uint8(load(UInt8.self)))
        case .bool: return Tensor(shape: type.shape, storage: .bool(load(UInt8.self).map { $0 != 0 }))
        case .float16: return Tensor(shape: type.shape, storage: .float16(load(Float16.self)))
        }
    }

    public static func write(_ tensor: Tensor, to pointer: UnsafeMutableRawPointer) {
        func store<T>(_ values: [T]) { values.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) } }
        switch tensor.storage {
        case .float32(let v): if !v.isEmpty { store(v) }
        case .float64(let v): if !v.isEmpty { store(v) }
        case .int64(let v): if !v.isEmpty { store(v) }
        case .int32(let v): if !v.isEmpty { store(v) }
        case .int8(let v): if !v.isEmpty { store(v) }
        case .uint8(let v): if !v.isEmpty { store(v) }
        case .bool(let v): if !v.isEmpty { store(v.map { UInt8($0 ? 1 : 0) }) }
        case .float16(let v): if !v.isEmpty { store(v) }
        }
    }
}

extension TensorMemory {
    /// Appends a tensor's raw little-endian bytes.
    public static func append(_ tensor: Tensor, to data: inout Data) {
        var bytes = Data(count: tensor.byteCount)
        if tensor.byteCount > 0 { bytes.withUnsafeMutableBytes { write(tensor, to: $0.baseAddress!) } }
        data.append(bytes)
    }
}
