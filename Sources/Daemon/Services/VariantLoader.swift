import Engine
import Foundation
import Policy
import Variants

/// Compiles a model's candidates on demand, off the request path, and keeps them: a candidate
/// compiled once is ready for the next switch to it (a pointer swap).
final class VariantLoader: @unchecked Sendable {
    private let lock = NSLock()
    private var ready: [String: LoadedVariant] = [:]
    private let options: Compiler.Options

    init(options: Compiler.Options) { self.options = options }

    func load(_ candidate: Candidate, path: String, shapes: [String: [Int]]) throws -> LoadedVariant {
        let key = path + "|" + candidate.id
        if let loaded = lock.withLock({ ready[key] }) { return loaded }
        let file = try ModelFile.load(path)
        var options = options.restricted(to: file.graph, declaredShapes: shapes)
        options.inputShapes.merge(shapes) { _, new in new }
        options.threads = candidate.threads
        let loaded = try LoadedVariant(candidate: candidate, compiled: try Compiler.compile(file.graph, options: options))
        lock.withLock { ready[key] = loaded }
        return loaded
    }
}
