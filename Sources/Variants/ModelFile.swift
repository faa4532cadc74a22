import Basics
import Crypto
import EngineIR
import EngineONNX
import Foundation

/// A model file as it is compiled and measured: the graph, the bytes, their digest, the
/// precision the file is, and — for a variant EdgePilot built — the digest of the file it was
/// built from (the `edgepilot.derived_from_sha256` metadata entry the builder writes).
public struct ModelFile: Sendable {
    public static let derivedFromKey = "edgepilot.derived_from_sha256"
    /// The precision a variant was built as: an INT8 variant whose every convolution the cost
    /// rule kept in float holds no integer op, but is still the INT8 variant.
    public static let precisionKey = "edgepilot.precision"

    public var path: String
    /// `parent/file.onnx`: how tables and the store name the model.
    public var name: String
    public var graph: Graph
    public var bytes: Int
    public var sha256: String
    public var loadSeconds: Double
    public var precision: Precision
    public var derivedFromSHA256: String?

    public static func load(_ path: String, maximumBytes: Int = 512 << 20) throws(VariantsError) -> ModelFile {
        let started = Date()
        let model: ONNXImporter.Model
        do {
            model = try ONNXImporter.load(path: path, options: .init(maximumFileBytes: maximumBytes))
        } catch {
            throw VariantsError(.load, error.description)
        }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw VariantsError(.load, "\(path): cannot read")
        }
        let derivedFrom = model.metadata[derivedFromKey].flatMap { isDigest($0) ? $0 : nil }
        return ModelFile(path: path, name: name(of: path), graph: model.graph, bytes: data.count,
                         sha256: sha256(data), loadSeconds: Date().timeIntervalSince(started),
                         precision: model.metadata[precisionKey].flatMap(Precision.init(rawValue:)) ?? precision(of: model.graph),
                         derivedFromSHA256: derivedFrom)
    }

    /// `parent/file.onnx`: how a model file is named in tables and the store.
    public static func name(of path: String) -> String {
        ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent + "/" + (path as NSString).lastPathComponent
    }

    /// int8 when the file holds quantization ops, fp16 when its weights (initializers or Constant
    /// values) are float16, else fp32.
    public static func precision(of graph: Graph) -> Precision {
        let integerOps: Set<String> = ["QuantizeLinear", "DequantizeLinear", "QLinearConv", "QLinearMatMul", "DynamicQuantizeLinear",
                                       "ConvInteger", "MatMulInteger"]
        if graph.nodes.contains(where: { integerOps.contains($0.opType) }) { return .int8 }
        let half = graph.initializers.values.contains { $0.dtype == .float16 } || graph.nodes.contains { $0.tensor("value")?.dtype == .float16 }
        return half ? .fp16 : .fp32
    }

    public static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    static func isDigest(_ text: String) -> Bool { text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) } }
}
