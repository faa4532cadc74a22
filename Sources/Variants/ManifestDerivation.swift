import Basics
import Engine
import Foundation
import Registry

/// `pull --derive` and the daemon's model manager: builds an installed version's derivable
/// variants on this device (FP16 from its FP32 file; INT8 from it and the pulled calibration
/// data) and adds them to the version in the model store, each recording the variant it came
/// from. Symbolic input dimensions other than the batch come from the manifest's input shapes.
public enum ManifestDerivation {
    public static func derive(_ report: Puller.Report, store: ModelStore, options: Compiler.Options,
                              log: (String) -> Void = { _ in }) throws -> InstalledVersion {
        var record = report.installed
        let declared = Dictionary(report.manifest.inputs.map { ($0.name, $0.shape) }, uniquingKeysWith: { first, _ in first })
        for variant in report.manifest.variants {
            guard let derive = variant.derive, record.skipped.contains(where: { $0.id == variant.id }) else { continue }
            guard let base = record.variants.first(where: { $0.id == derive.from }) else {
                log("not derived: \(variant.id): its base '\(derive.from)' is not installed on this board")
                continue
            }
            let recipe: VariantBuilder.Recipe
            switch variant.precision {
            case .fp16: recipe = .fp16
            case .int8:
                guard let id = derive.calibration, let data = record.data.first(where: { $0.id == id }) else {
                    throw VariantsError(.build, "\(variant.id): its calibration data is not installed")
                }
                recipe = .int8(calibration: store.blobPath(data.sha256))
            case .fp32:
                throw VariantsError(.build, "\(variant.id): fp32 variants are not derived")
            }
            let started = Date()
            let file = try ModelFile.load(store.blobPath(base.sha256))
            let built = try VariantBuilder.build(recipe, from: file, options: options.restricted(to: file.graph, declaredShapes: declared),
                                                 producer: "edgepilot pull --derive", log: log)
            log("\(variant.id): \(built.summary)")
            record = try store.locked {
                try store.addDerived(record.name, version: record.version, id: variant.id, precision: variant.precision, from: derive.from,
                                     bytes: built.file)
            }
            log(String(format: "derived %@ (%@) from %@ in %.1f s: %d bytes", variant.id, variant.precision.rawValue, derive.from,
                       Date().timeIntervalSince(started), built.file.count))
        }
        return record
    }
}
