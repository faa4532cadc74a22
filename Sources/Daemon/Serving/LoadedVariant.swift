import Basics
import CEngineBLAS
import Engine
import EngineIR
import Policy

/// A candidate compiled and ready: switching to it is a pointer swap between two requests.
/// `CompiledModel` runs one inference at a time; only the worker's serial queue runs it.
public struct LoadedVariant: @unchecked Sendable {
    public let candidate: Candidate
    let compiled: CompiledModel
    /// Bytes of one request's input (float32, the model's input shape) and of its first output.
    let inputBytes: Int
    let outputBytes: Int
    public let outputShape: [Int]

    init(candidate: Candidate, compiled: CompiledModel) throws(DaemonError) {
        guard compiled.inputs.count == 1, let input = compiled.inputs.first, input.type.dtype == .float32,
              let output = compiled.outputs.first, output.type.dtype == .float32
        else {
            throw DaemonError(.model, "\(candidate.id): the daemon serves models with one float32 input and a float32 first output")
        }
        self.candidate = candidate
        self.compiled = compiled
        inputBytes = input.type.count * 4
        outputBytes = output.type.count * 4
        outputShape = output.type.shape
    }

    /// Runs one request (`input`: `inputBytes` of little-endian float32) and returns its first output.
    func run(_ input: [UInt8]) -> [UInt8] {
        let targets = compiled.outputs.map { UnsafeMutableRawPointer.allocate(byteCount: max(1, $0.type.count * $0.type.dtype.byteSize), alignment: 64) }
        defer { targets.forEach { $0.deallocate() } }
        input.withUnsafeBytes { source in compiled.run(inputs: [source.baseAddress!], outputs: targets) }
        return Array(UnsafeRawBufferPointer(start: targets[0], count: outputBytes))
    }

    /// OpenBLAS's thread count is process-wide: set it for this variant before it runs.
    func applyThreads() { openblas_set_num_threads(Int32(max(1, candidate.threads))) }
}
