import Basics
import EngineIR

/// One candidate to compile and measure: a model file as given, or a variant built on this
/// device from an FP32 file (which it records).
public struct Variant: Sendable {
    /// The model's name (the source file's `parent/file.onnx`).
    public var model: String
    public var precision: Precision
    public var graph: Graph
    public var bytes: Int
    public var sha256: String
    public var loadSeconds: Double
    /// The file it was built from: nil for a file as given that says nothing of its origin.
    public var derivedFromSHA256: String?
    /// Built here now (not a file as given).
    public var builtHere: Bool

    /// How it was made, in words, for tables.
    public var origin: String {
        if builtHere { return "built here from the FP32 file" }
        return derivedFromSHA256 == nil ? "file as given" : "file as given (built by EdgePilot from sha256:\(derivedFromSHA256!.prefix(12))…)"
    }

    public init(file: ModelFile) {
        model = file.name
        precision = file.precision
        graph = file.graph
        bytes = file.bytes
        sha256 = file.sha256
        loadSeconds = file.loadSeconds
        derivedFromSHA256 = file.derivedFromSHA256
        builtHere = false
    }

    public init(built: VariantBuilder.Built, from file: ModelFile) {
        model = file.name
        precision = built.precision
        graph = built.graph
        bytes = built.file.count
        sha256 = ModelFile.sha256(built.file)
        loadSeconds = file.loadSeconds
        derivedFromSHA256 = file.sha256
        builtHere = true
    }
}
