/// A node attribute, as ONNX defines them (graphs and sparse tensors are not supported).
public enum Attribute: Sendable, Equatable {
    case int(Int)
    case float(Float)
    case string(String)
    case ints([Int])
    case floats([Float])
    case strings([String])
    case tensor(Tensor)
}

/// One operator application.
public struct Node: Sendable, Equatable {
    public var name: String
    public var opType: String
    /// "" for the default ONNX domain (`ai.onnx`).
    public var domain: String
    /// Value names; "" marks an omitted optional input.
    public var inputs: [String]
    public var outputs: [String]
    public var attributes: [String: Attribute]

    public init(name: String, opType: String, domain: String = "", inputs: [String], outputs: [String],
                attributes: [String: Attribute] = [:]) {
        self.name = name
        self.opType = opType
        self.domain = domain
        self.inputs = inputs
        self.outputs = outputs
        self.attributes = attributes
    }

    /// How errors name this node: `'conv1' (Conv)`.
    public var label: String { "'\(name.isEmpty ? outputs.first ?? "?" : name)' (\(domain.isEmpty ? "" : domain + "::")\(opType))" }
}

/// A dimension: known, or symbolic until compile time fixes it.
public enum Dim: Sendable, Equatable {
    case value(Int)
    case symbol(String)
}

/// A graph input or output.
public struct ValueInfo: Sendable, Equatable {
    public var name: String
    public var dtype: DType
    public var dims: [Dim]

    public init(name: String, dtype: DType, dims: [Dim]) {
        self.name = name
        self.dtype = dtype
        self.dims = dims
    }
}

/// A model's graph: inputs, outputs, initializers and nodes (in any order; the compiler sorts).
public struct Graph: Sendable, Equatable {
    public var name: String
    public var inputs: [ValueInfo]
    public var outputs: [ValueInfo]
    public var initializers: [String: Tensor]
    public var nodes: [Node]
    /// Opset version per domain ("" = ai.onnx).
    public var opsets: [String: Int]

    public init(name: String = "graph", inputs: [ValueInfo], outputs: [ValueInfo], initializers: [String: Tensor] = [:],
                nodes: [Node], opsets: [String: Int] = ["": 13]) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.initializers = initializers
        self.nodes = nodes
        self.opsets = opsets
    }

    public var opset: Int { opsets[""] ?? opsets["ai.onnx"] ?? 0 }
}

extension Node {
    public func int(_ name: String) -> Int? {
        if case .int(let v) = attributes[name] { return v }
        return nil
    }
    public func float(_ name: String) -> Float? {
        switch attributes[name] {
        case .float(let v): v
        case .int(let v): Float(v)
        default: nil
        }
    }
    public func string(_ name: String) -> String? {
        if case .string(let v) = attributes[name] { return v }
        return nil
    }
    public func ints(_ name: String) -> [Int]? {
        if case .ints(let v) = attributes[name] { return v }
        return nil
    }
    public func floats(_ name: String) -> [Float]? {
        if case .floats(let v) = attributes[name] { return v }
        return nil
    }
    public func tensor(_ name: String) -> Tensor? {
        if case .tensor(let v) = attributes[name] { return v }
        return nil
    }
}
