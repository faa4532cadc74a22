import Crypto
import Engine
import EngineIR
import EngineONNX
import Foundation

/// The variants `bench` measures for one model: the file as given, and the FP16 / INT8
/// variants built from it on this device (INT8 needs calibration samples).
struct BenchVariant {
    var model: String
    var precision: String
    var graph: Graph
    var bytes: Int
    var sha256: String
    var loadSeconds: Double
    /// How it was made, for the table's notes.
    var origin: String

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    /// "int8" when the file is already quantized, "fp16" when its weights are float16, else "fp32".
    static func precision(of graph: Graph) -> String {
        if graph.nodes.contains(where: { ["QuantizeLinear", "DequantizeLinear", "QLinearConv", "DynamicQuantizeLinear", "ConvInteger"].contains($0.opType) }) {
            return "int8"
        }
        return graph.initializers.values.contains { $0.dtype == .float16 } ? "fp16" : "fp32"
    }

    /// The variants asked for, and the reasons for those that cannot be built.
    static func make(path: String, precisions: [String], engine: EngineOptions, calib: String?,
                     calibrate: (Graph) throws -> Graph) throws -> (variants: [BenchVariant], skipped: [String]) {
        let started = Date()
        let loaded = try engine.load(path)
        let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
        let loadSeconds = Date().timeIntervalSince(started)
        let name = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent + "/" + (path as NSString).lastPathComponent
        let given = precision(of: loaded.graph)
        var variants: [BenchVariant] = []
        var skipped: [String] = []
        for wanted in precisions {
            if wanted == given {
                variants.append(BenchVariant(model: name, precision: given, graph: loaded.graph, bytes: data.count, sha256: sha256(data),
                                             loadSeconds: loadSeconds, origin: "file as given"))
                continue
            }
            guard given == "fp32" else {
                skipped.append("\(name) \(wanted): the file is already \(given); variants are built from FP32 models")
                continue
            }
            let graph: Graph
            switch wanted {
            case "fp16":
                graph = Float16Converter.convert(loaded.graph).graph
            case "int8":
                guard calib != nil else {
                    skipped.append("\(name) int8: needs --calib FILE|DIR (calibration samples in the `run --input` format, or an eval-set directory)")
                    continue
                }
                graph = try calibrate(loaded.graph)
            default:
                continue
            }
            let exported: Data
            do {
                exported = try ONNXExporter.export(graph, producer: "edgepilot bench \(wanted)")
            } catch {
                throw CLIError(error.description)
            }
            variants.append(BenchVariant(model: name, precision: wanted, graph: graph, bytes: exported.count, sha256: sha256(exported),
                                         loadSeconds: loadSeconds, origin: "built here from the FP32 file"))
        }
        return (variants, skipped)
    }
}
