import EngineIR

/// `QLookup(x_q, table)` (domain ai.edgepilot), made by `FuseQDQLookup`: y[i] = table[x_q[i]],
/// uint8 → uint8 through a 256-entry constant table.
struct QLookupOp: OperatorKind {
    let name = "QLookup"

    func infer(_ context: NodeContext) throws(EngineError) -> [ValueType] {
        let x = try context.type(0), table = try context.type(1)
        guard x.dtype == .uint8, table.dtype == .uint8, table.count == 256 else {
            throw context.fail("needs uint8 input and a 256-entry uint8 table, got \(x.dtype) and \(table.dtype)\(table.shape)")
        }
        return [x]
    }

    func evaluate(_ context: NodeContext, _ inputs: [Tensor?]) throws(EngineError) -> [Tensor] {
        guard case .uint8(let x) = inputs[0]!.storage, case .uint8(let table) = inputs[1]!.storage else {
            throw context.fail("needs uint8 tensors")
        }
        return [Tensor(shape: inputs[0]!.shape, storage: .uint8(x.map { table[Int($0)] }))]
    }
}
