import Engine
import EngineIR
import Foundation

/// Input samples for a compiled model: raw little-endian values of the input's dtype and shape,
/// back to back (the `run --input` format; an eval-set directory stands for its `inputs.bin`),
/// or one seeded random sample.
public enum Samples {
    /// Every inference's inputs from `path`.
    public static func read(_ path: String, for compiled: CompiledModel, batch: Int) throws(VariantsError) -> [[Tensor]] {
        guard compiled.inputs.count == 1, let port = compiled.inputs.first else {
            throw VariantsError(.samples, "\(path): sample files feed a single-input model; this one has \(compiled.inputs.count) inputs")
        }
        let file = inputsFile(path)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw VariantsError(.samples, "cannot read \(file)\(FileManager.default.fileExists(atPath: file) ? "" : ": no such file")")
        }
        let perInference = port.type.count * port.type.dtype.byteSize
        guard perInference > 0, !data.isEmpty, data.count % perInference == 0 else {
            throw VariantsError(.samples, "\(file): \(data.count) bytes is not a whole number of inferences of \(perInference) bytes "
                + "(input '\(port.name)': \(port.type.dtype) \(port.type.shape), \(perInference / max(1, batch)) bytes per sample × batch \(batch))")
        }
        return (0..<(data.count / perInference)).map { index in
            let slice = data.subdata(in: index * perInference..<(index + 1) * perInference)
            return [slice.withUnsafeBytes { TensorMemory.read($0.baseAddress!, port.type) }]
        }
    }

    /// One sample of uniform values in [-1, 1] for every input, the same on every run.
    public static func random(for compiled: CompiledModel) -> [Tensor] {
        var generator = SplitMix(seed: 42)
        return compiled.inputs.map { port in
            let values = (0..<port.type.count).map { _ in Double(generator.next() % 2_000_001) / 1_000_000 - 1 }
            return Tensor.from(values, shape: port.type.shape, dtype: port.type.dtype)
        }
    }

    /// A sample file, or an eval-set directory (`examples/eval/README.md`) standing for its `inputs.bin`.
    public static func inputsFile(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        return exists && isDirectory.boolValue ? path + "/inputs.bin" : path
    }
}

/// Deterministic pseudo-random numbers (SplitMix64), so random samples are reproducible.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
