import Engine
import EngineIR

/// One compiled step's mean time over profiled runs, with its multiply-accumulates: what
/// `bench --profile` lists, slowest first.
public struct StepTiming: Sendable, Equatable {
    public var kind: String
    public var node: String
    public var nanoseconds: UInt64
    public var macs: Int

    /// Multiply-accumulates as floating-point operations per nanosecond (GFLOP/s); nil without MACs.
    public var gflops: Double? { macs > 0 && nanoseconds > 0 ? 2 * Double(macs) / Double(nanoseconds) : nil }

    /// The compiled model's steps over `runs` profiled runs, slowest first.
    public static func slowest(_ compiled: CompiledModel, runs: Int = 20) -> [StepTiming] {
        var macs: [String: Int] = [:]
        for node in compiled.graph.nodes where !node.name.isEmpty && macs[node.name] == nil {
            macs[node.name] = ModelSummary.macs(node, in: compiled.graph)
        }
        return compiled.profile(runs: runs).map { step, ns in
            StepTiming(kind: step.kind, node: step.node, nanoseconds: ns, macs: macs[step.name] ?? 0)
        }.sorted { $0.nanoseconds > $1.nanoseconds }
    }
}
