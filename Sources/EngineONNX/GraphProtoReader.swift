import EngineIR
import Foundation

/// GraphProto / NodeProto / ValueInfoProto / AttributeProto → EngineIR. Unsupported element
/// types are collected and reported together, naming where they occur.
struct GraphProtoReader {
    let source: String

    func graph(_ proto: Onnx_GraphProto, opsets: [Onnx_OperatorSetIdProto]) throws(EngineError) -> Graph {
        var unsupported: [String] = []
        var initializers: [String: Tensor] = [:]
        for tensor in proto.initializer {
            do {
                initializers[tensor.name] = try TensorProtoReader.tensor(tensor, what: "initializer '\(tensor.name)'")
            } catch where error.code == .unsupported {
                unsupported += error.items
            }
        }
        if !proto.sparseInitializer.isEmpty { unsupported.append("sparse initializers (\(proto.sparseInitializer.count))") }
        let initializerNames = Set(initializers.keys)
        var inputs: [ValueInfo] = []
        for value in proto.input where !initializerNames.contains(value.name) {
            do { inputs.append(try valueInfo(value, what: "graph input")) } catch where error.code == .unsupported { unsupported += error.items }
        }
        var outputs: [ValueInfo] = []
        for value in proto.output {
            do { outputs.append(try valueInfo(value, what: "graph output")) } catch where error.code == .unsupported { unsupported += error.items }
        }
        var nodes: [Node] = []
        for (index, nodeProto) in proto.node.enumerated() {
            do { nodes.append(try node(nodeProto, index: index)) } catch where error.code == .unsupported { unsupported += error.items }
        }
        if !unsupported.isEmpty {
            throw EngineError(.unsupported, "\(source): \(unsupported.count) unsupported item(s)", items: unsupported)
        }
        var opsetMap: [String: Int] = [:]
        for opset in opsets { opsetMap[opset.domain == "ai.onnx" ? "" : opset.domain] = Int(opset.version) }
        return Graph(name: proto.name, inputs: inputs, outputs: outputs, initializers: initializers, nodes: nodes, opsets: opsetMap)
    }

    func valueInfo(_ proto: Onnx_ValueInfoProto, what: String) throws(EngineError) -> ValueInfo {
        guard case .tensorType(let tensorType)? = proto.type.value else {
            throw EngineError(.unsupported, "", items: ["\(what) '\(proto.name)': not a tensor (sequences, maps and optionals are not supported)"])
        }
        guard let dtype = DType(onnxCode: Int(tensorType.elemType)) else {
            throw EngineError(.unsupported, "", items: ["\(what) '\(proto.name)': element type \(DType.onnxName(Int(tensorType.elemType)))"])
        }
        var dims: [Dim] = []
        for (axis, dim) in tensorType.shape.dim.enumerated() {
            switch dim.value {
            case .dimValue(-1)?:
                dims.append(.symbol("?"))  // exporters (Paddle) write -1 for a dynamic dimension
            case .dimValue(let value)?:
                guard value >= 0, value <= Int64(Int32.max) else {
                    throw EngineError(.invalidModel, "\(source): \(what) '\(proto.name)' has dimension \(axis) = \(value)")
                }
                dims.append(.value(Int(value)))
            case .dimParam(let name)?: dims.append(.symbol(name))
            case nil: dims.append(.symbol("?"))
            }
        }
        return ValueInfo(name: proto.name, dtype: dtype, dims: dims)
    }

    func node(_ proto: Onnx_NodeProto, index: Int) throws(EngineError) -> Node {
        var attributes: [String: Attribute] = [:]
        var unsupported: [String] = []
        let label = "node '\(proto.name.isEmpty ? "#\(index)" : proto.name)' (\(proto.opType))"
        for attribute in proto.attribute {
            switch attribute.type {
            case .float: attributes[attribute.name] = .float(attribute.f)
            case .int: attributes[attribute.name] = .int(Int(truncatingIfNeeded: attribute.i))
            case .string: attributes[attribute.name] = .string(String(decoding: attribute.s, as: UTF8.self))
            case .floats: attributes[attribute.name] = .floats(attribute.floats)
            case .ints: attributes[attribute.name] = .ints(attribute.ints.map { Int(truncatingIfNeeded: $0) })
            case .strings: attributes[attribute.name] = .strings(attribute.strings.map { String(decoding: $0, as: UTF8.self) })
            case .tensor:
                do {
                    attributes[attribute.name] = .tensor(try TensorProtoReader.tensor(attribute.t, what: "\(label) attribute '\(attribute.name)'"))
                } catch where error.code == .unsupported {
                    unsupported += error.items
                }
            default:
                if !attribute.refAttrName.isEmpty {
                    unsupported.append("\(label): attribute '\(attribute.name)' refers to a function attribute")
                } else {
                    unsupported.append("\(label): attribute '\(attribute.name)' of type \(attribute.type) (graphs, sparse tensors and type protos are not supported)")
                }
            }
        }
        if !unsupported.isEmpty { throw EngineError(.unsupported, "", items: unsupported) }
        return Node(name: proto.name.isEmpty ? "#\(index)" : proto.name, opType: proto.opType,
                    domain: proto.domain == "ai.onnx" ? "" : proto.domain, inputs: proto.input, outputs: proto.output,
                    attributes: attributes)
    }
}
