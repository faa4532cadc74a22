import Basics
import Engine
import EngineIR
import EngineONNX
import Foundation

/// The one way variants are built on the device — `edgepilot quantize`, `bench --precision`,
/// `pull --derive` and the daemon all come here: FP16 stores the weights as float16 (fp32 inputs
/// and outputs); INT8 calibrates activation ranges on real samples and keeps each convolution
/// in float unless this machine runs it in integer at least 10 % faster (the measured cost
/// rule, `QDQQuantizer`). The file it writes records the digest of the FP32 file it came from.
public enum VariantBuilder {
    public enum Recipe: Sendable, Equatable {
        case fp16
        /// `calibration`: samples in the `run --input` format, or an eval-set directory.
        case int8(calibration: String, method: Calibration.Method = .entropy, measureCost: Bool = true)

        public var precision: Precision {
            switch self {
            case .fp16: .fp16
            case .int8: .int8
            }
        }
    }

    public struct Built: Sendable {
        public var precision: Precision
        public var graph: Graph
        /// The variant as an ONNX file.
        public var file: Data
        /// FP16: weight tensors stored as float16.
        public var float16Tensors: Int
        /// INT8: convolutions made integer, and every op kept in float with the reason.
        public var quantized: [String]
        public var keptFloat: [(node: String, reason: String)]

        /// One line on what was built.
        public var summary: String {
            switch precision {
            case .fp16: return "fp16: \(float16Tensors) weight tensor(s) stored as float16; inputs and outputs stay float32"
            case .int8:
                return "int8: \(quantized.count) convolution(s) integer (per-channel int8 weights, uint8 activations), \(keptFloat.count) op(s) kept float"
                    + (quantized.isEmpty ? " — the measured cost rule found no op worth quantizing on this machine, so it runs fp32 arithmetic" : "")
            case .fp32: return "fp32"
            }
        }
    }

    /// Builds `recipe` from the FP32 `file`. `options` are the compile options for this graph
    /// (its input shapes); `producer` names the tool in the written file.
    public static func build(_ recipe: Recipe, from file: ModelFile, options: Compiler.Options, producer: String,
                             log: (String) -> Void = { _ in }) throws(VariantsError) -> Built {
        guard file.precision == .fp32 else {
            throw VariantsError(.build, "\(file.name): variants are built from FP32 files; this one is already \(file.precision.rawValue)")
        }
        var built: Built
        do {
            switch recipe {
            case .fp16:
                let (graph, converted) = Float16Converter.convert(file.graph)
                built = Built(precision: .fp16, graph: graph, file: Data(), float16Tensors: converted, quantized: [], keptFloat: [])
            case .int8(let calibration, let method, let measureCost):
                let compiled = try Compiler.compile(file.graph, options: options)
                let samples = try Samples.read(calibration, for: compiled, batch: options.batch).map { $0[0] }
                log("\(file.name) int8: calibrating on \(samples.count) sample(s) (\(method))\(measureCost ? ", then timing each candidate on this machine" : "")…")
                let result = try QDQQuantizer.quantize(file.graph, samples: samples, options: options,
                                                       settings: .init(method: method, measureCost: measureCost))
                built = Built(precision: .int8, graph: result.graph, file: Data(), float16Tensors: 0, quantized: result.quantized,
                              keptFloat: result.keptFloat)
            }
        } catch let error as EngineError {
            throw VariantsError(.build, "\(file.name) \(recipe.precision.rawValue): \(error.description)")
        } catch let error as VariantsError {
            throw error
        } catch {
            throw VariantsError(.build, "\(file.name) \(recipe.precision.rawValue): \(error)")
        }
        do {
            built.file = try ONNXExporter.export(built.graph, producer: "\(producer) \(recipe.precision.rawValue)",
                                                 metadata: [ModelFile.derivedFromKey: file.sha256, ModelFile.precisionKey: recipe.precision.rawValue])
        } catch {
            throw VariantsError(.export, "\(file.name) \(recipe.precision.rawValue): \(error.description)")
        }
        return built
    }
}
