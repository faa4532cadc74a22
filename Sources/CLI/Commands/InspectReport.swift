import Engine
import EngineIR
import Foundation

/// The facts `inspect` prints, as text or as JSON with stable keys.
struct InspectReport: Encodable {
    struct Port: Encodable { var name: String; var dtype: String; var shape: [String] }
    struct Step: Encodable { var node: String; var kernel: String }
    struct PassChange: Encodable { var pass: String; var changes: [String] }

    var model: String
    var fileBytes: Int
    var producer: String
    var opset: Int
    var inputs: [Port]
    var outputs: [Port]
    var ops: [String: Int]
    var parameters: Int?
    var macs: Int?
    var flops: Int?
    var arenaBytes: Int?
    var naiveBytes: Int?
    var isa: String?
    var computePrecision: String?
    var openblasCore: String
    var steps: [Step] = []
    var referenceSteps: [String] = []
    var passes: [PassChange] = []
    var unsupported: [String] = []
    var problem: String?

    init(model: String, fileBytes: Int, producer: String, graph: Graph) {
        self.model = model
        self.fileBytes = fileBytes
        self.producer = producer
        opset = graph.opset
        func port(_ v: ValueInfo) -> Port {
            Port(name: v.name, dtype: v.dtype.rawValue, shape: v.dims.map { if case .value(let d) = $0 { "\(d)" } else if case .symbol(let s) = $0 { s } else { "?" } })
        }
        inputs = graph.inputs.map(port)
        outputs = graph.outputs.map(port)
        var histogram: [String: Int] = [:]
        for node in graph.nodes { histogram[node.domain.isEmpty ? node.opType : "\(node.domain)::\(node.opType)", default: 0] += 1 }
        ops = histogram
        openblasCore = OpenBLASCore.current
    }

    mutating func add(summary: ModelSummary, compiled: CompiledModel) {
        parameters = summary.parameters
        macs = summary.macs
        flops = summary.macs * 2
        arenaBytes = compiled.report.arenaBytes
        naiveBytes = compiled.report.naiveBytes
        isa = compiled.report.isa.rawValue
        computePrecision = compiled.report.computePrecision
        steps = compiled.report.steps.map { Step(node: $0.node, kernel: $0.kind) }
        referenceSteps = compiled.report.referenceSteps.map(\.node)
        passes = compiled.report.passes.map { PassChange(pass: $0.pass, changes: $0.changes) }
    }

    func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    func text(passes showPasses: Bool) -> String {
        var out = "model        \(model) (\(fileBytes) bytes, producer \(producer.isEmpty ? "?" : producer), opset \(opset))\n"
        for p in inputs { out += "input        \(p.name): \(p.dtype) [\(p.shape.joined(separator: ", "))]\n" }
        for p in outputs { out += "output       \(p.name): \(p.dtype) [\(p.shape.joined(separator: ", "))]\n" }
        out += "ops          " + ops.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key)×\($0.value)" }.joined(separator: " ") + "\n"
        if let parameters, let macs, let arenaBytes, let naiveBytes {
            out += "parameters   \(parameters)\n"
            out += "compute      \(macs) MACs (\(macs * 2) FLOPs) per inference\n"
            out += "memory       arena \(arenaBytes) bytes (without reuse: \(naiveBytes) bytes)\n"
            out += "precision    \(computePrecision ?? "?")\n"
            out += "kernels      \(isa ?? "?"); OpenBLAS core \(openblasCore); \(steps.count) steps"
            out += referenceSteps.isEmpty ? "\n" : ", \(referenceSteps.count) on the reference path: \(referenceSteps.joined(separator: ", "))\n"
        }
        if showPasses {
            for pass in passes {
                out += "pass         \(pass.pass): " + (pass.changes.isEmpty ? "no change" : "\(pass.changes.count) change(s)") + "\n"
                for change in pass.changes { out += "               \(change)\n" }
            }
        }
        if let problem { out += "error        \(problem)\n" }
        if !unsupported.isEmpty {
            out += "unsupported  \(unsupported.count) item(s):\n" + unsupported.map { "  - \($0)\n" }.joined()
        }
        return out
    }
}
