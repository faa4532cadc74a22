import EngineIR
import Foundation
import SwiftProtobuf

/// EngineONNX — stage 3: ONNX protobuf → EngineIR. Mirrors onnx.proto's message names
/// (`ModelProto`, `GraphProto`, `NodeProto`, `TensorProto`).
///
/// Owns every check a hostile file needs before anything trusts it: size limit, protobuf
/// decoding, dims that are negative or overflow, initializer bytes that do not match their
/// shape, external data. Must not: run, fold or optimize anything.
public enum ONNXImporter {
    public struct Options: Sendable {
        /// Files larger than this are refused before being read (a device has little memory).
        public var maximumFileBytes: Int
        public init(maximumFileBytes: Int = 512 << 20) { self.maximumFileBytes = maximumFileBytes }
    }

    /// A model as read from a file.
    public struct Model: Sendable {
        public var graph: Graph
        public var irVersion: Int
        public var producer: String
        public var fileBytes: Int
        /// The model's metadata_props (at most 64 entries are kept, each value at most 4 KiB).
        public var metadata: [String: String]
    }

    public static func load(path: String, options: Options = Options()) throws(EngineError) -> Model {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw EngineError(.invalidModel, "\(path): cannot read: \(error.localizedDescription)")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size > options.maximumFileBytes {
            throw EngineError(.invalidModel, "\(path): \(size) bytes, over the model size limit of \(options.maximumFileBytes) bytes")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw EngineError(.invalidModel, "\(path): cannot read: \(error.localizedDescription)")
        }
        return try parse(data, source: path, options: options)
    }

    public static func parse(_ data: Data, source: String, options: Options = Options()) throws(EngineError) -> Model {
        if data.isEmpty { throw EngineError(.invalidModel, "\(source): empty file") }
        if data.count > options.maximumFileBytes {
            throw EngineError(.invalidModel, "\(source): \(data.count) bytes, over the model size limit of \(options.maximumFileBytes) bytes")
        }
        let proto: Onnx_ModelProto
        do {
            var decoding = BinaryDecodingOptions()
            decoding.messageDepthLimit = 64
            proto = try Onnx_ModelProto(serializedBytes: data, options: decoding)
        } catch {
            throw EngineError(.invalidModel, "\(source): not an ONNX model (protobuf: \(error)); the file may be truncated")
        }
        guard proto.hasGraph, !proto.graph.node.isEmpty || !proto.graph.output.isEmpty else {
            throw EngineError(.invalidModel, "\(source): not an ONNX model (no graph)")
        }
        guard proto.irVersion > 0 else { throw EngineError(.invalidModel, "\(source): not an ONNX model (no ir_version)") }
        let graph = try GraphProtoReader(source: source).graph(proto.graph, opsets: proto.opsetImport)
        var metadata: [String: String] = [:]
        for entry in proto.metadataProps.prefix(64) where entry.key.utf8.count <= 256 && entry.value.utf8.count <= 4096 {
            metadata[entry.key] = entry.value
        }
        return Model(graph: graph, irVersion: Int(proto.irVersion), producer: proto.producerName, fileBytes: data.count, metadata: metadata)
    }
}

extension ONNXImporter {
    /// A serialized TensorProto (as the ONNX backend test data stores inputs and outputs).
    public static func tensor(_ data: Data, source: String) throws(EngineError) -> Tensor {
        let proto: Onnx_TensorProto
        do {
            proto = try Onnx_TensorProto(serializedBytes: data)
        } catch {
            throw EngineError(.invalidModel, "\(source): not a TensorProto (\(error))")
        }
        return try TensorProtoReader.tensor(proto, what: source)
    }
}

extension ONNXImporter {
    /// The (domain, op type) of every node, without converting anything else: lets a caller
    /// tell "this model uses ops we do not have" from "we have the ops, not this dtype".
    public static func opTypes(path: String) -> [(domain: String, opType: String)]? {
        guard let data = FileManager.default.contents(atPath: path), let proto = try? Onnx_ModelProto(serializedBytes: data) else { return nil }
        return proto.graph.node.map { ($0.domain == "ai.onnx" ? "" : $0.domain, $0.opType) }
    }
}
