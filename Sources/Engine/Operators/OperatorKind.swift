import EngineIR

/// The static type of a value during compilation.
public struct ValueType: Sendable, Equatable {
    public var dtype: DType
    public var shape: [Int]
    public init(_ dtype: DType, _ shape: [Int]) {
        self.dtype = dtype
        self.shape = shape
    }
    public var count: Int { shape.reduce(1, *) }
}

/// What the compiler knows about a node's inputs: their types, and their values where they
/// are constants.
public struct NodeContext {
    public let node: Node
    public let opset: Int
    public let types: [ValueType?]
    public let constants: [Tensor?]

    public func type(_ index: Int) throws(EngineError) -> ValueType {
        guard index < types.count, let type = types[index] else {
            throw EngineError(.invalidGraph, "node \(node.label) is missing input \(index)")
        }
        return type
    }

    public func hasInput(_ index: Int) -> Bool { index < node.inputs.count && !node.inputs[index].isEmpty }

    /// A constant input (shape-like inputs such as Reshape's shape must be constant).
    public func constant(_ index: Int, _ what: String) throws(EngineError) -> Tensor {
        guard index < constants.count, let value = constants[index] else {
            throw EngineError(.unsupported, "node \(node.label): \(what) (input \(index)) must be a constant: the engine plans static shapes, so computed \(what) values are not supported")
        }
        return value
    }

    public func fail(_ message: String) -> EngineError { EngineError(.shape, "node \(node.label): \(message)") }
}

/// One ONNX operator: what it accepts, its output types, and its reference semantics. The fast
/// path, where there is one, is built by `KernelFactory`.
public protocol OperatorKind: Sendable {
    /// ONNX op type, e.g. "Conv".
    var name: String { get }
    /// Attribute values or forms not supported, as readable items (empty when fine).
    func unsupported(_ node: Node, opset: Int) -> [String]
    /// Output types from input types (and constant inputs).
    func infer(_ context: NodeContext) throws(EngineError) -> [ValueType]
    /// Reference evaluation: plain loops, the oracle for kernels and the constant folder.
    func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor]
    /// Whether the outputs depend only on the input types (Shape): always folded.
    var dependsOnlyOnTypes: Bool { get }
}

extension OperatorKind {
    public func unsupported(_ node: Node, opset: Int) -> [String] { [] }
    public var dependsOnlyOnTypes: Bool { false }
}
