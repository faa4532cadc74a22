import Basics
import Engine
import Foundation
import Variants

/// A configured model's variant files on this device: the files given and the variants built
/// here from the FP32 one, each with a label (its precision, or its file name when two files
/// share a precision).
public struct PreparedModel: Sendable {
    public var name: String
    /// Label → file, in measuring order (FP32 first).
    public var files: [(label: String, path: String)]
    /// For a model pulled from a manifest: the installed version and the manifest's name.
    public var version: Int?
    public var manifestName: String?

    /// The model's files: pulled (with `pull`) when it names a manifest, else given and built here.
    static func prepare(_ model: DaemonConfig.Model, config: DaemonConfig, pull: RegistryPull, options: Compiler.Options,
                        log: (String) -> Void) throws -> PreparedModel {
        guard model.manifest != nil else { return try prepare(model, directory: config.variantsDirectory, options: options, log: log) }
        let version = try pull.current(model)
        return RegistryPull.prepared(version, store: try pull.store(), name: model.name)
    }

    /// Loads the given files and builds the `derive` variants into `directory` — reusing one
    /// built before from the same FP32 file (its `edgepilot.derived_from_sha256` matches).
    public static func prepare(_ model: DaemonConfig.Model, directory: String, options: Compiler.Options,
                               log: (String) -> Void) throws(DaemonError) -> PreparedModel {
        do {
            let given = try model.files.map { path throws(VariantsError) in try ModelFile.load(path) }
            var files = given.map { ($0.precision, $0.path) }
            if !model.derive.isEmpty {
                guard let source = given.first(where: { $0.precision == .fp32 }) else {
                    throw DaemonError(.startup, "model '\(model.name)': derive needs an FP32 file among its files")
                }
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                for precision in model.derive where !files.contains(where: { $0.0 == precision }) {
                    let path = "\(directory)/\(model.name)-\(precision.rawValue).onnx"
                    if let built = try? ModelFile.load(path), built.derivedFromSHA256 == source.sha256, built.precision == precision {
                        log("\(model.name) \(precision.rawValue): reusing \(path), built earlier from the same FP32 file")
                    } else {
                        let recipe: VariantBuilder.Recipe = precision == .fp16 ? .fp16 : .int8(calibration: model.calibration ?? "")
                        let built = try VariantBuilder.build(recipe, from: source, options: options.restricted(to: source.graph, declaredShapes: model.shapes),
                                                             producer: "edgepilotd", log: log)
                        try built.file.write(to: URL(fileURLWithPath: path + ".partial"))
                        guard rename(path + ".partial", path) == 0 else { throw DaemonError(.startup, "cannot rename \(path).partial: errno \(errno)") }
                        log("\(model.name): \(built.summary) → \(path)")
                    }
                    files.append((precision, path))
                }
            }
            let counts = Dictionary(grouping: files, by: \.0).mapValues(\.count)
            let labelled = files.map { precision, path in
                (label: (counts[precision] ?? 1) > 1 ? ((path as NSString).lastPathComponent as NSString).deletingPathExtension : precision.rawValue,
                 path: path)
            }
            return PreparedModel(name: model.name, files: labelled, version: nil, manifestName: nil)
        } catch let error as DaemonError {
            throw error
        } catch let error as VariantsError {
            throw DaemonError(.startup, "model '\(model.name)': \(error.message)")
        } catch {
            throw DaemonError(.startup, "model '\(model.name)': \(error.localizedDescription)")
        }
    }
}
