import CEngineBLAS
import EngineIR

/// Compiles a graph into a ``CompiledModel``: QOperator ops in QDQ form, wiring check and order, support check (all
/// unsupported items at once), shape inference with constant folding, the passes, lowering to
/// kernel steps, and the arena memory plan.
public enum Compiler {
    public struct Options: Sendable {
        /// Replaces the symbolic first dimension of every input.
        public var batch: Int
        /// Full shapes for inputs with other symbolic dims (e.g. PP-OCR's H and W).
        public var inputShapes: [String: [Int]]
        public var isa: ISALevel
        /// Threads for OpenBLAS; the engine's own kernels run on the calling thread, so the two
        /// never oversubscribe.
        public var threads: Int
        public var runPasses: Bool

        public init(batch: Int = 1, inputShapes: [String: [Int]] = [:], isa: ISALevel = .scalar, threads: Int = 1, runPasses: Bool = true) {
            self.batch = batch
            self.inputShapes = inputShapes
            self.isa = isa
            self.threads = threads
            self.runPasses = runPasses
        }
    }

    /// Shape inference and passes, without lowering: what `inspect` shows and what tests check.
    public static func analyze(_ graph: Graph, options: Options = Options()) throws(EngineError) -> (TypedGraph, [PassPipeline.Report]) {
        guard options.batch > 0 else { throw EngineError(.input, "batch must be ≥ 1") }
        let expanded = ExpandQOperators.uses(graph) ? try ExpandQOperators.run(graph) : graph
        try SupportCheck.check(expanded)
        let graph = PromoteFloat16.uses(expanded) ? PromoteFloat16.run(expanded) : expanded
        let order = try GraphOrder.sorted(graph)
        var typed = try ShapeInference.run(graph, order: order, batch: options.batch, inputShapes: options.inputShapes)
        let reports = options.runPasses ? try PassPipeline.run(&typed) : []
        return (typed, reports)
    }

    public static func compile(_ graph: Graph, options: Options = Options()) throws(EngineError) -> CompiledModel {
        let (typed, reports) = try analyze(graph, options: options)
        // One pool for every step; OpenBLAS (GEMM and ConvTranspose calls, each split by the
        // steps themselves) stays at one thread so that its threads never compete with the pool's.
        openblas_set_num_threads(1)
        let lowering = Lowering(graph: typed, kernels: KernelTable.forLevel(options.isa), pool: ThreadPool(threads: max(1, options.threads)))

        // Liveness: values written at runtime live from their writer to their last reader.
        let stepCount = typed.nodes.count
        var first: [String: Int] = [:], last: [String: Int] = [:]
        for input in typed.graph.inputs { first[input.name] = -1; last[input.name] = -1 }
        for (index, node) in typed.nodes.enumerated() {
            for output in node.outputs where !output.isEmpty && typed.constants[output] == nil { first[output] = index; last[output] = index }
            for input in node.inputs where first[input] != nil { last[input] = max(last[input] ?? index, index) }
        }
        for output in typed.graph.outputs where first[output.name] != nil { last[output.name] = stepCount }
        var intervals = first.keys.map { name in
            MemoryPlan.Interval(name: name, bytes: typed.types[name].map { $0.count * $0.dtype.byteSize } ?? 0, first: first[name]!, last: last[name]!)
        }
        var scratchNames: [Int: String] = [:]
        for (index, node) in typed.nodes.enumerated() {
            let bytes = lowering.scratchBytes(node)
            if bytes > 0 {
                scratchNames[index] = "#scratch\(index)"
                intervals.append(MemoryPlan.Interval(name: "#scratch\(index)", bytes: bytes, first: index, last: index))
            }
        }
        let written = Set(first.filter { $0.value >= 0 }.keys)
        let plan = MemoryPlan(intervals, aliases: ConcatInPlace.aliases(typed, written: written))

        var constantBuffers: [String: AlignedBuffer] = [:]
        func constant(_ name: String) -> AlignedBuffer? {
            if let buffer = constantBuffers[name] { return buffer }
            guard let tensor = typed.constants[name], tensor.dtype == .float32 else { return nil }
            let buffer = AlignedBuffer(floats: tensor.floats)
            constantBuffers[name] = buffer
            return buffer
        }
        func location(_ name: String) -> Location? {
            if let offset = plan.offsets[name] { return .arena(offset: offset) }
            guard let tensor = typed.constants[name] else { return nil }
            if let buffer = constant(name) { return .constant(buffer) }
            let buffer = AlignedBuffer(bytes: tensor.byteCount)
            TensorMemory.write(tensor, to: buffer.pointer)
            constantBuffers[name] = buffer
            return .constant(buffer)
        }
        var steps: [any Step] = []
        var stepInfo: [CompiledModel.StepInfo] = []
        for (index, node) in typed.nodes.enumerated() {
            let step = lowering.step(node, location: location, constant: constant, scratch: scratchNames[index].map { .arena(offset: plan.offsets[$0]!) })
            steps.append(step)
            stepInfo.append(.init(node: node.label, kind: step.kind, name: node.name))
        }
        let inputs = typed.graph.inputs.map { CompiledModel.Port(name: $0.name, type: typed.types[$0.name]!, location: location($0.name)!) }
        let outputs = typed.graph.outputs.map { CompiledModel.Port(name: $0.name, type: typed.types[$0.name]!, location: location($0.name)!) }
        return CompiledModel(inputs: inputs, outputs: outputs, steps: steps, arenaBytes: plan.arenaBytes,
                             report: .init(passes: reports, steps: stepInfo, arenaBytes: plan.arenaBytes, naiveBytes: plan.naiveBytes,
                                           isa: options.isa, threads: options.threads,
                                           arithmetic: Arithmetic(graph: graph, steps: stepInfo)),
                             graph: typed)
    }
}
