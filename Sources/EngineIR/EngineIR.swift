/// EngineIR — stage 3 (ARCHITECTURE §3): the engine's graph, node, tensor, dtype and shape
/// value types. Depends on nothing; ONNX import produces it, passes rewrite it, the compiler
/// plans it.
///
/// Must not: read files, know ONNX protobuf types, or run kernels.
public enum EngineIR {}

/// An error in a model or graph, naming what and where. One type for the engine's boundary.
public struct EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The file is not a readable model (truncated, not protobuf, too large, bad tensor sizes).
        case invalidModel
        /// The graph is malformed (cycle, dangling input, duplicate output).
        case invalidGraph
        /// Ops, opsets, dtypes or attribute values the engine does not support; all listed at once.
        case unsupported
        /// A shape or value that ONNX semantics reject (mismatched dims, bad axis).
        case shape
        /// Bad input at run time (wrong size, wrong dtype).
        case input
    }

    public var code: Code
    public var message: String
    /// Every unsupported item, for `.unsupported`.
    public var items: [String]

    public init(_ code: Code, _ message: String, items: [String] = []) {
        self.code = code
        self.message = message
        self.items = items
    }

    public var description: String {
        items.isEmpty ? message : message + "\n" + items.map { "  - " + $0 }.joined(separator: "\n")
    }
}
