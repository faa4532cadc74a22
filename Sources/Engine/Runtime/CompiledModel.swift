import Dispatch
import EngineIR

/// A compiled variant: the optimized graph lowered to steps over one preallocated arena.
/// Running it allocates nothing but the output tensors (`run(inputs:outputs:)` not even those).
/// Not thread-safe: one inference at a time per instance.
public final class CompiledModel {
    public struct Port {
        public let name: String
        public let type: ValueType
        let location: Location
    }

    public struct StepInfo: Sendable, Equatable {
        /// How errors and reports name the node: `'conv1' (Conv)`.
        public var node: String
        public var kind: String
        /// The node's name (kept by the passes when they fuse a node).
        public var name: String

        /// An integer convolution step (QConv: GEMM or depthwise kernel).
        public var isIntegerConvolution: Bool { kind.hasPrefix("qconv") || kind.hasPrefix("qdepthwise") }
    }

    public struct Report: Sendable {
        public var passes: [PassPipeline.Report]
        public var steps: [StepInfo]
        /// The arena's size, and what the intermediates would take without reuse.
        public var arenaBytes: Int
        public var naiveBytes: Int
        public var isa: ISALevel
        public var threads: Int
        /// The arithmetic that actually runs.
        public var arithmetic: Arithmetic
        /// Its sentence ("fp32", "int8 (5 integer convolution(s)), fp32 elsewhere", …).
        public var computePrecision: String { arithmetic.description }
        /// Steps running the reference (allocating) implementation.
        public var referenceSteps: [StepInfo] { steps.filter { $0.kind.hasPrefix("reference") } }
    }

    public let inputs: [Port]
    public let outputs: [Port]
    public let report: Report
    public let graph: TypedGraph
    let steps: [any Step]
    let arena: AlignedBuffer

    init(inputs: [Port], outputs: [Port], steps: [any Step], arenaBytes: Int, report: Report, graph: TypedGraph) {
        self.inputs = inputs
        self.outputs = outputs
        self.steps = steps
        self.report = report
        self.graph = graph
        arena = AlignedBuffer(bytes: arenaBytes)
    }

    /// Runs on raw little-endian input buffers (sizes as `inputs[i].type`) into output buffers.
    public func run(inputs sources: [UnsafeRawPointer], outputs targets: [UnsafeMutableRawPointer]) {
        for (port, source) in zip(inputs, sources) {
            port.location.address(arena.pointer).copyMemory(from: source, byteCount: port.type.count * port.type.dtype.byteSize)
        }
        for step in steps { step.run(arena.pointer) }
        for (port, target) in zip(outputs, targets) {
            target.copyMemory(from: port.location.address(arena.pointer), byteCount: port.type.count * port.type.dtype.byteSize)
        }
    }

    /// Runs on tensors, checking their types.
    public func run(_ values: [Tensor]) throws(EngineError) -> [Tensor] {
        guard values.count == inputs.count else { throw EngineError(.input, "expected \(inputs.count) inputs, got \(values.count)") }
        for (port, value) in zip(inputs, values) {
            guard value.dtype == port.type.dtype, value.shape == port.type.shape else {
                throw EngineError(.input, "input '\(port.name)' must be \(port.type.dtype) \(port.type.shape), got \(value.dtype) \(value.shape)")
            }
            TensorMemory.write(value, to: port.location.address(arena.pointer))
        }
        for step in steps { step.run(arena.pointer) }
        return outputs.map { TensorMemory.read($0.location.address(arena.pointer), $0.type) }
    }
}

extension CompiledModel {
    /// Time spent in each step over `runs` runs of the current arena contents (after a run
    /// with real inputs): where an inference's time goes, for `run --profile`.
    public func profile(runs: Int) -> [(step: StepInfo, nanoseconds: UInt64)] {
        var totals = [UInt64](repeating: 0, count: steps.count)
        for _ in 0..<max(1, runs) {
            for (index, step) in steps.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                step.run(arena.pointer)
                totals[index] += DispatchTime.now().uptimeNanoseconds - start
            }
        }
        return zip(report.steps, totals).map { ($0, $1 / UInt64(max(1, runs))) }
    }
}
