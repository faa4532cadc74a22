import EngineIR
import Foundation
import SwiftProtobuf

/// EngineIR → ONNX ModelProto bytes: how on-device variants (QDQ INT8, FP16) are written so
/// that `edgepilot run`, `inspect` and any ONNX runtime read them back. Tensors are written as
/// little-endian raw_data. `metadata` becomes the model's metadata_props (a derived variant
/// records there the digest of the file it was built from).
public enum ONNXExporter {
    public static func export(_ graph: Graph, producer: String = "edgepilot", metadata: [String: String] = [:]) throws(EngineError) -> Data {
        var model = Onnx_ModelProto()
        model.irVersion = 8
        model.producerName = producer
        model.metadataProps = metadata.sorted { $0.key < $1.key }.map { key, value in
            var entry = Onnx_StringStringEntryProto()
            entry.key = key
            entry.value = value
            return entry
        }
        model.opsetImport = graph.opsets.sorted { $0.key < $1.key }.map { domain, version in
            var opset = Onnx_OperatorSetIdProto()
            opset.domain = domain
            opset.version = Int64(version)
            return opset
        }
        var proto = Onnx_GraphProto()
        proto.name = graph.name
        proto.input = graph.inputs.map(valueInfo)
        proto.output = graph.outputs.map(valueInfo)
        proto.initializer = graph.initializers.sorted { $0.key < $1.key }.map { tensor($0.value, name: $0.key) }
        proto.node = graph.nodes.map(node)
        model.graph = proto
        do {
            return try model.serializedData()
        } catch {
            throw EngineError(.invalidModel, "cannot serialize the model: \(error)")
        }
    }

    static func valueInfo(_ value: ValueInfo) -> Onnx_ValueInfoProto {
        var info = Onnx_ValueInfoProto()
        info.name = value.name
        var type = Onnx_TypeProto.Tensor()
        type.elemType = Int32(value.dtype.onnxCode)
        type.shape.dim = value.dims.map { dim in
            var d = Onnx_TensorShapeProto.Dimension()
            switch dim {
            case .value(let v): d.dimValue = Int64(v)
            case .symbol(let s): d.dimParam = s
            }
            return d
        }
        info.type.tensorType = type
        return info
    }

    public static func tensor(_ tensor: Tensor, name: String) -> Onnx_TensorProto {
        var proto = Onnx_TensorProto()
        proto.name = name
        proto.dims = tensor.shape.map(Int64.init)
        proto.dataType = Int32(tensor.dtype.onnxCode)
        var bytes = Data(count: tensor.byteCount)
        if tensor.byteCount > 0 {
            bytes.withUnsafeMutableBytes { raw in
                func store<T>(_ values: [T]) { values.withUnsafeBytes { raw.copyMemory(from: $0) } }
                switch tensor.storage {
                case .float32(let v): store(v)
                case .float64(let v): store(v)
                case .int64(let v): store(v)
                case .int32(let v): store(v)
                case .int8(let v): store(v)
                case .uint8(let v): store(v)
                case .bool(let v): store(v.map { UInt8($0 ? 1 : 0) })
                case .float16(let v): store(v)
                }
            }
        }
        proto.rawData = bytes
        return proto
    }

    static func node(_ node: Node) -> Onnx_NodeProto {
        var proto = Onnx_NodeProto()
        proto.name = node.name
        proto.opType = node.opType
        proto.domain = node.domain
        proto.input = node.inputs
        proto.output = node.outputs
        proto.attribute = node.attributes.sorted { $0.key < $1.key }.map { name, value in
            var attribute = Onnx_AttributeProto()
            attribute.name = name
            switch value {
            case .int(let v): attribute.type = .int; attribute.i = Int64(v)
            case .float(let v): attribute.type = .float; attribute.f = v
            case .string(let v): attribute.type = .string; attribute.s = Data(v.utf8)
            case .ints(let v): attribute.type = .ints; attribute.ints = v.map(Int64.init)
            case .floats(let v): attribute.type = .floats; attribute.floats = v
            case .strings(let v): attribute.type = .strings; attribute.strings = v.map { Data($0.utf8) }
            case .tensor(let t): attribute.type = .tensor; attribute.t = tensor(t, name: "")
            }
            return attribute
        }
        return proto
    }
}
