import EngineIR
import Foundation

/// Builds an INT8 QDQ model from an FP32 one on the device: per-channel symmetric int8
/// weights, asymmetric uint8 activations (MinMax, Percentile or Entropy calibration), int32
/// bias, written with standard QuantizeLinear/DequantizeLinear so EdgePilot's FuseQDQConv (and
/// any ONNX runtime) reads it. Convolutions with an integer kernel (group 1, depthwise) are candidates;
/// the cost rule then times every candidate on this machine — integer step plus the Q/DQ
/// steps it brings — against its float step, and keeps it in float unless integer is at least
/// 10% faster (`requiredRatio`).
/// Every op kept in float is listed with its reason.
public enum QDQQuantizer {
    public struct Result: Sendable {
        public var graph: Graph
        /// Node label → why it stayed in float.
        public var keptFloat: [(node: String, reason: String)]
        public var quantized: [String]
    }

    public struct Settings: Sendable {
        public var method: Calibration.Method
        /// Time candidates (measured cost rule); when false, the MAC rule of thumb decides.
        public var measureCost: Bool
        /// Profiling runs per timing.
        public var runs: Int

        public init(method: Calibration.Method = .minMax, measureCost: Bool = true, runs: Int = 30) {
            self.method = method
            self.measureCost = measureCost
            self.runs = runs
        }
    }

    /// A candidate stays integer only when its measured cost is at most this share of its float
    /// cost: a margin above timing noise, so the variant is never slower than the float model.
    public static let requiredRatio = 0.9

    /// Without measurement, convolutions smaller than this (multiply-accumulates per inference)
    /// stay in float: their quantize/dequantize passes likely cost more than integer saves.
    public static let minimumMACs = 100_000

    public static func quantize(_ graph: Graph, samples: [Tensor], options: Compiler.Options,
                                settings: Settings = Settings()) throws(EngineError) -> Result {
        guard !samples.isEmpty else { throw EngineError(.input, "calibration needs at least one sample") }
        // Standard-op form with BatchNorm and conv biases folded, no EdgePilot-only ops.
        var (typed, _) = try Compiler.analyze(graph, options: Compiler.Options(batch: options.batch, inputShapes: options.inputShapes, runPasses: false))
        for pass in [EliminateIdentity(), FoldConstants(), FuseConvScale(), FuseConvBatchNorm(), FuseConvBias(), EliminateDeadNodes()] as [any GraphPass] {
            _ = try pass.run(&typed)
        }
        var keptFloat: [(String, String)] = []
        var plans: [(index: Int, x: String, y: String)] = []
        for (index, node) in typed.nodes.enumerated() {
            guard node.opType == "Conv" || node.opType == "Gemm" || node.opType == "MatMul" else { continue }
            if node.opType != "Conv" { keptFloat.append((node.label, "no integer \(node.opType) kernel yet")); continue }
            guard typed.constants[node.inputs[1]] != nil, let x = typed.types[node.inputs[0]], x.shape.count == 4 else {
                keptFloat.append((node.label, "weights are not constant or input is not 2-D")); continue
            }
            let out = typed.types[node.outputs[0]]!, w = typed.types[node.inputs[1]]!
            let group = node.int("group") ?? 1
            if group != 1 && !(group == x.shape[1] && w.shape[0] == group && w.shape[1] == 1) {
                keptFloat.append((node.label, "grouped (not depthwise): no integer kernel for it")); continue
            }
            if !settings.measureCost && out.count * w.shape.dropFirst().reduce(1, *) < minimumMACs {
                keptFloat.append((node.label, "under \(minimumMACs) MACs (rule of thumb, not measured)")); continue
            }
            var y = node.outputs[0]
            if let reader = typed.soleReader(of: y), typed.nodes[reader].opType == "Relu" { y = typed.nodes[reader].outputs[0] }
            plans.append((index, node.inputs[0], y))
        }
        let observed = Array(Set(plans.flatMap { [$0.x, $0.y] })).sorted()
        let exported = standardGraph(typed)
        let ranges = try Calibration.ranges(exported, values: observed, samples: samples, method: settings.method, options: options)
        var result = build(typed, exported, plans: plans, ranges: ranges)
        guard settings.measureCost else {
            result.keptFloat = keptFloat + result.keptFloat
            return result
        }
        // The measured cost rule: drop the candidates that are not faster in integer, rebuild,
        // and measure again (dropping one changes its neighbours' Q/DQ) until none is dropped.
        let floatTimes = try CostProfile(exported, sample: samples[0], options: options, runs: settings.runs)
        for _ in 0..<4 {
            let times = try CostProfile(result.graph, sample: samples[0], options: options, runs: settings.runs)
            var dropped: Set<Int> = []
            for plan in plans {
                let name = typed.nodes[plan.index].name
                let sharers = plans.filter { $0.x == plan.x }.count
                guard let integer = times.integerCost(conv: name, x: plan.x, y: plan.y, sharers: sharers), let float = floatTimes.time(of: name)
                else { continue }
                if integer.total > float * requiredRatio {
                    dropped.insert(plan.index)
                    keptFloat.append((typed.nodes[plan.index].label, "measured: integer \(ms(integer.total)) ms (of which Q/DQ \(ms(integer.qdq)) ms) vs float \(ms(float)) ms, not \(Int(((1 - requiredRatio) * 100).rounded()))% faster"))
                }
            }
            if dropped.isEmpty { break }
            plans.removeAll { dropped.contains($0.index) }
            result = build(typed, exported, plans: plans, ranges: ranges)
        }
        result.keptFloat = keptFloat + result.keptFloat
        return result
    }

    private static func ms(_ nanoseconds: Double) -> String { String(format: "%.4f", nanoseconds / 1e6) }

    /// The QDQ graph for the planned convolutions.
    static func build(_ typed: TypedGraph, _ exported: Graph, plans: [(index: Int, x: String, y: String)], ranges: [String: Calibration.Range]) -> Result {
        var keptFloat: [(String, String)] = []
        var result = exported
        var quantizedActivations: [String: String] = [:]  // float value → its DQ output
        func activation(_ name: String) -> String? {
            if let existing = quantizedActivations[name] { return existing }
            guard let range = ranges[name] else { return nil }
            let (scale, zero) = uint8Parameters(range)
            let base = name + "/q"
            result.initializers[base + "_scale"] = Tensor(shape: [], floats: [scale])
            result.initializers[base + "_zero"] = Tensor(shape: [], storage: .uint8([zero]))
            quantizedActivations[name] = base + "/dq"
            return base + "/dq"
        }
        var quantized: [String] = []
        var insertions: [(before: String, nodes: [Node])] = []  // weight/bias DequantizeLinears, placed before their conv
        for plan in plans {
            var conv = typed.nodes[plan.index]
            guard let xq = activation(plan.x), activation(plan.y) != nil, let weights = typed.constants[conv.inputs[1]],
                let sx = result.initializers[plan.x + "/q_scale"]?.floats.first
            else { keptFloat.append((conv.label, "no calibration range")); continue }
            let (wq, sw) = int8PerChannel(weights)
            let wName = conv.outputs[0] + "/w"
            result.initializers[wName + "_q"] = wq
            result.initializers[wName + "_scale"] = Tensor(shape: [sw.count], floats: sw)
            result.initializers[wName + "_zero"] = Tensor(shape: [sw.count], storage: .int8(Array(repeating: 0, count: sw.count)))
            var nodes = [Node(name: wName + "/dq", opType: "DequantizeLinear", inputs: [wName + "_q", wName + "_scale", wName + "_zero"],
                              outputs: [wName + "/dq"], attributes: ["axis": .int(0)])]
            conv.inputs[0] = xq
            conv.inputs[1] = wName + "/dq"
            if conv.inputs.count > 2, !conv.inputs[2].isEmpty, let bias = typed.constants[conv.inputs[2]]?.floats {
                let scales = sw.map { $0 * sx }
                let bq = zip(bias, scales).map { Int32(clamping: Int(($0 / $1).rounded(.toNearestOrEven))) }
                result.initializers[wName + "_bias_q"] = Tensor(shape: [bq.count], storage: .int32(bq))
                result.initializers[wName + "_bias_scale"] = Tensor(shape: [scales.count], floats: scales)
                nodes.append(Node(name: wName + "/bias_dq", opType: "DequantizeLinear", inputs: [wName + "_bias_q", wName + "_bias_scale"],
                                  outputs: [wName + "/bias_dq"], attributes: ["axis": .int(0)]))
                conv.inputs[2] = wName + "/bias_dq"
            }
            if let at = result.nodes.firstIndex(where: { $0.name == conv.name && $0.opType == "Conv" }) { result.nodes[at] = conv }
            insertions.append((conv.name, nodes))
            quantized.append(conv.label)
        }
        // Q/DQ pairs right after each quantized activation's producer (or at the start for inputs).
        for (name, dq) in quantizedActivations {
            let base = name + "/q"
            let pair = [
                Node(name: base, opType: "QuantizeLinear", inputs: [name, base + "_scale", base + "_zero"], outputs: [base]),
                Node(name: dq, opType: "DequantizeLinear", inputs: [base, base + "_scale", base + "_zero"], outputs: [dq]),
            ]
            // Every reader reads the quantized value (as in ONNX Runtime's QDQ models), so the
            // QuantizeLinear is the producer's only reader and FuseQDQConv applies.
            for index in result.nodes.indices {
                result.nodes[index].inputs = result.nodes[index].inputs.map { $0 == name ? dq : $0 }
            }
            let position = result.nodes.firstIndex { $0.outputs.contains(name) }.map { $0 + 1 } ?? 0
            result.nodes.insert(contentsOf: pair, at: position)
        }
        for (conv, nodes) in insertions {
            let position = result.nodes.firstIndex { $0.name == conv } ?? 0
            result.nodes.insert(contentsOf: nodes, at: position)
        }
        // Float weights replaced by their int8 form are no longer read.
        let read = Set(result.nodes.flatMap(\.inputs)).union(result.outputs.map(\.name))
        result.initializers = result.initializers.filter { read.contains($0.key) }
        return Result(graph: result, keptFloat: keptFloat, quantized: quantized)
    }

    /// Asymmetric uint8 parameters covering [min, max] and 0.
    static func uint8Parameters(_ range: Calibration.Range) -> (Float, UInt8) {
        let low = min(range.min, 0), high = max(range.max, 0)
        let scale = high > low ? (high - low) / 255 : 1
        let zero = UInt8(clamping: Int((-low / scale).rounded(.toNearestOrEven)))
        return (scale, zero)
    }

    /// Per-output-channel symmetric int8 weights (zero point 0, ±127).
    static func int8PerChannel(_ weights: Tensor) -> (Tensor, [Float]) {
        let channels = weights.shape[0], per = weights.count / max(1, channels)
        let values = weights.floats
        var q = [Int8](repeating: 0, count: values.count)
        var scales = [Float](repeating: 1, count: channels)
        for c in 0..<channels {
            let slice = values[c * per..<(c + 1) * per]
            let peak = slice.map(abs).max() ?? 0
            scales[c] = peak > 0 ? peak / 127 : 1
            for i in slice.indices { q[i] = Int8(clamping: Int((values[i] / scales[c]).rounded(.toNearestOrEven))) }
        }
        return (Tensor(shape: weights.shape, storage: .int8(q)), scales)
    }

    /// The typed graph back as a plain graph: its nodes, with the constants they read as initializers.
    static func standardGraph(_ typed: TypedGraph) -> Graph {
        var graph = typed.graph
        graph.nodes = typed.nodes
        var initializers: [String: Tensor] = [:]
        for node in typed.nodes { for input in node.inputs where !input.isEmpty { if let c = typed.constants[input] { initializers[input] = c } } }
        for output in graph.outputs { if let c = typed.constants[output.name] { initializers[output.name] = c } }
        graph.initializers = initializers
        return graph
    }
}
