import EngineIR

/// Operators that only move or relabel elements: Reshape, Flatten, Squeeze, Unsqueeze,
/// Identity, Dropout (inference: identity). Dtype-generic.
public struct ReshapeOp: OperatorKind {
    public let name = "Reshape"

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0)
        let requested = try context.constant(1, "shape").ints
        let allowZero = (context.node.int("allowzero") ?? 0) != 0
        var shape = requested.enumerated().map { axis, d in d == 0 && !allowZero && axis < x.shape.count ? x.shape[axis] : d }
        let inferred = shape.indices.filter { shape[$0] == -1 }
        guard inferred.count <= 1, shape.allSatisfy({ $0 >= -1 }) else { throw context.fail("bad shape \(requested)") }
        let known = shape.filter { $0 != -1 }.reduce(1, *)
        if let axis = inferred.first {
            guard known > 0, x.count % known == 0 else { throw context.fail("cannot reshape \(x.shape) to \(requested)") }
            shape[axis] = x.count / known
        }
        guard shape.reduce(1, *) == x.count else { throw context.fail("cannot reshape \(x.shape) (\(x.count) elements) to \(requested)") }
        return [ValueType(x.dtype, shape)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        [inputs[0]!.reshaped(try infer(context)[0].shape)]
    }
}

public struct FlattenOp: OperatorKind {
    public let name = "Flatten"

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0)
        let raw = context.node.int("axis") ?? 1
        let axis = raw < 0 ? raw + x.shape.count : raw
        guard axis >= 0, axis <= x.shape.count else { throw context.fail("axis \(raw) out of range for \(x.shape)") }
        return [ValueType(x.dtype, [x.shape[..<axis].reduce(1, *), x.shape[axis...].reduce(1, *)])]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        [inputs[0]!.reshaped(try infer(context)[0].shape)]
    }
}

/// Squeeze and Unsqueeze: axes from the attribute (opset < 13) or the second input.
public struct SqueezeOp: OperatorKind {
    public let name: String

    func axes(_ context: NodeContext) throws(EngineError) -> [Int]? {
        if context.opset >= 13 {
            return context.hasInput(1) ? try context.constant(1, "axes").ints : nil
        }
        return context.node.ints("axes")
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0)
        let requested = try axes(context)
        if name == "Squeeze" {
            let rank = x.shape.count
            var drop: Set<Int> = []
            if let requested {
                for a in requested {
                    guard let axis = normalizedAxis(a, rank: rank), x.shape[axis] == 1 else { throw context.fail("cannot squeeze axis \(a) of \(x.shape)") }
                    drop.insert(axis)
                }
            } else {
                drop = Set(x.shape.indices.filter { x.shape[$0] == 1 })
            }
            return [ValueType(x.dtype, x.shape.indices.filter { !drop.contains($0) }.map { x.shape[$0] })]
        }
        guard let requested else { throw context.fail("Unsqueeze needs axes") }
        let rank = x.shape.count + requested.count
        var inserted: Set<Int> = []
        for a in requested {
            guard let axis = normalizedAxis(a, rank: rank), inserted.insert(axis).inserted else { throw context.fail("bad axes \(requested)") }
        }
        var shape: [Int] = []
        var source = x.shape.makeIterator()
        for axis in 0..<rank { shape.append(inserted.contains(axis) ? 1 : source.next()!) }
        return [ValueType(x.dtype, shape)]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        [inputs[0]!.reshaped(try infer(context)[0].shape)]
    }
}

public struct IdentityOp: OperatorKind {
    public let name = "Identity"
    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] { [try context.type(0)] }
    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] { [inputs[0]!] }
}

/// Dropout at inference: the input unchanged (and an all-true mask when asked for).
public struct DropoutOp: OperatorKind {
    public let name = "Dropout"

    public func unsupported(_ node: Node, opset: Int) -> [String] {
        node.inputs.count > 2 && !node.inputs[2].isEmpty ? ["node \(node.label): training_mode input"] : []
    }

    public func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0)
        return context.node.outputs.count > 1 ? [x, ValueType(.bool, x.shape)] : [x]
    }

    public func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        let x = inputs[0]!
        return context.node.outputs.count > 1 ? [x, Tensor(shape: x.shape, storage: .bool(Array(repeating: true, count: x.count)))] : [x]
    }
}
