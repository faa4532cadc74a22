import EngineIR

/// Per-node step times of a compiled graph on this machine (mean over `runs`, on one real
/// sample), for the quantizer's measured cost rule. Steps are found by node name, as the
/// passes keep a fused node's name.
struct CostProfile {
    private var times: [String: Double] = [:]

    init(_ graph: Graph, sample: Tensor, options: Compiler.Options, runs: Int) throws(EngineError) {
        let compiled = try Compiler.compile(graph, options: options)
        _ = try compiled.run([sample])
        _ = compiled.profile(runs: 3)  // warm caches and the branch predictor
        for (step, nanoseconds) in compiled.profile(runs: runs) {
            times[step.name, default: 0] += Double(nanoseconds)
        }
    }

    func time(of node: String) -> Double? { times[node] }

    /// A quantized convolution's cost: its integer step, the QuantizeLinear of its input when a
    /// float op produces it (shared among the `sharers` quantized convolutions reading it), and
    /// the DequantizeLinear of its output when float ops read it. Nil when its step is not found.
    func integerCost(conv: String, x: String, y: String, sharers: Int) -> (total: Double, qdq: Double)? {
        guard let step = times[conv] else { return nil }
        let qdq = (times[x + "/q"] ?? 0) / Double(max(1, sharers)) + (times[y + "/q/dq"] ?? 0)
        return (step + qdq, qdq)
    }
}
