import Agent
import Bench
import Engine
import Foundation
import Measure
import Policy
import Variants

/// A prepared model measured on this board: its candidates (every file × thread count) and
/// which file each runs.
public struct MeasuredModel: Sendable {
    public var candidates: [Candidate]
    /// Candidate id → variant file.
    public var paths: [String: String]

    /// `other`'s candidates added; those it measured again (same id) replaced.
    mutating func merge(_ other: MeasuredModel) {
        let ids = Set(other.candidates.map(\.id))
        candidates.removeAll { ids.contains($0.id) }
        candidates += other.candidates
        paths.merge(other.paths) { _, new in new }
    }

    /// One bench session over all the model's files (FP32 first, so the others' agreement is
    /// with it), stored in the results database as `bench` stores its runs.
    static func measure(_ prepared: PreparedModel, config: DaemonConfig, model: DaemonConfig.Model, session: BenchSession,
                        options: Compiler.Options) throws -> MeasuredModel {
        var settings = BenchSettings()
        settings.minSeconds = config.measureSeconds
        settings.idleSeconds = config.idleSeconds
        var options = options
        options.inputShapes.merge(model.shapes) { _, new in new }
        let request = BenchRequest(models: prepared.files.map(\.path), eval: model.eval, threads: config.threads, settings: settings, options: options)
        let labels = Dictionary(prepared.files.map { (ModelFile.name(of: $0.path), ($0.label, $0.path)) }, uniquingKeysWith: { first, _ in first })
        var measured = MeasuredModel(candidates: [], paths: [:])
        for row in try session.run(request).rows {
            guard let (label, path) = labels[row.model] else { continue }
            let candidate = Candidate(row, variant: label)
            measured.candidates.append(candidate)
            measured.paths[candidate.id] = path
        }
        return measured
    }
}
