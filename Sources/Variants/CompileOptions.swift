import Engine
import EngineIR

extension Compiler.Options {
    /// These options for one graph: only the `--shape` entries that name its own inputs (several
    /// models may share one command line), and — for inputs still symbolic beyond the batch —
    /// the fixed shapes a manifest declares (`shapes`, batch dimension first).
    public func restricted(to graph: Graph, declaredShapes: [String: [Int]] = [:]) -> Compiler.Options {
        var options = self
        let names = Set(graph.inputs.map(\.name))
        options.inputShapes = inputShapes.filter { names.contains($0.key) }
        for (name, shape) in declaredShapes where names.contains(name) && options.inputShapes[name] == nil
            && !shape.isEmpty && shape.dropFirst().allSatisfy({ $0 > 0 }) {
            options.inputShapes[name] = [batch] + shape.dropFirst()
        }
        return options
    }
}
