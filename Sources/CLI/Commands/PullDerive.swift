import Engine
import EngineIR
import EngineONNX
import Foundation
import Registry

/// `pull --derive`: builds the manifest's derivable variants on this device — FP16 from the
/// FP32 file, INT8 from it and the pulled calibration data (entropy calibration and the
/// measured cost rule, as `edgepilot quantize`) — and adds them to the installed version.
enum PullDerive {
    static func run(_ report: Puller.Report, store: ModelStore, engine: EngineOptions) throws -> InstalledVersion {
        var record = report.installed
        for variant in report.manifest.variants {
            guard let derive = variant.derive, record.skipped.contains(where: { $0.id == variant.id }) else { continue }
            guard let base = record.variants.first(where: { $0.id == derive.from }) else {
                say("not derived: \(variant.id): its base '\(derive.from)' is not installed on this board")
                continue
            }
            let started = Date()
            let bytes = try build(variant, base: store.blobPath(base.sha256), record: record, manifest: report.manifest, store: store, engine: engine)
            record = try registry { try store.locked {
                try store.addDerived(record.name, version: record.version, id: variant.id, precision: variant.precision.rawValue, from: derive.from, bytes: bytes)
            } }
            say(String(format: "derived %@ (%@) from %@ in %.1f s: %@", variant.id, variant.precision.rawValue, derive.from,
                       Date().timeIntervalSince(started), byteCount(Int64(bytes.count))))
        }
        return record
    }

    private static func build(_ variant: Manifest.Variant, base path: String, record: InstalledVersion, manifest: Manifest,
                              store: ModelStore, engine: EngineOptions) throws -> Data {
        let loaded = try engine.load(path)
        var options = try engine.compilerOptions()
        // Symbolic dimensions other than the batch come from the manifest's input shapes.
        for input in manifest.inputs where options.inputShapes[input.name] == nil && input.shape.dropFirst().allSatisfy({ $0 > 0 }) {
            options.inputShapes[input.name] = [engine.batch] + input.shape.dropFirst()
        }
        do {
            let graph: Graph
            switch variant.precision {
            case .fp16:
                graph = Float16Converter.convert(loaded.graph).graph
            case .int8:
                guard let id = variant.derive?.calibration, let data = record.data.first(where: { $0.id == id }) else {
                    throw CLIError("\(variant.id): its calibration data is not installed")
                }
                let compiled = try Compiler.compile(loaded.graph, options: options)
                let samples = try SampleReader.samples(compiled: compiled, inputFile: store.blobPath(data.sha256), batch: engine.batch).map { $0[0] }
                say("\(variant.id): calibrating on \(samples.count) pulled sample(s) ('\(id)'), then timing each candidate…")
                let result = try QDQQuantizer.quantize(loaded.graph, samples: samples, options: options, settings: .init(method: .entropy))
                say("\(variant.id): \(result.quantized.count) convolution(s) integer, \(result.keptFloat.count) op(s) kept float"
                    + (result.quantized.isEmpty ? " — the measured cost rule found no op worth quantizing on this board, so this variant runs fp32 arithmetic" : ""))
                graph = result.graph
            case .fp32:
                throw CLIError("\(variant.id): fp32 variants are not derived")
            }
            return try ONNXExporter.export(graph, producer: "edgepilot pull --derive \(variant.precision.rawValue)")
        } catch let error as EngineError {
            throw CLIError("\(variant.id): \(error.description)")
        }
    }
}
