import ArgumentParser
import Engine
import EngineIR
import EngineONNX
import Foundation

/// `edgepilot quantize MODEL --precision int8|fp16 --out PATH`: build a variant on the device.
struct QuantizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Build an INT8 (QDQ, calibrated) or FP16 variant of an FP32 model; write it as ONNX.",
        discussion: """
            --calib holds input samples back to back in the same raw format as `run --input` (int8 only). \
            INT8: per-channel symmetric int8 weights, asymmetric uint8 activations from MinMax, Percentile or \
            Entropy (KL) ranges, int32 bias. Each convolution with an integer kernel is timed on this machine \
            in integer (with the Q/DQ it brings) and in float, and stays float unless integer is ≥10% faster; the \
            output lists every op kept in float with its reason. FP16: fp16 weights with fp32 inputs and outputs.
            """)

    enum Precision: String, ExpressibleByArgument { case int8, fp16 }
    enum Method: String, ExpressibleByArgument, CaseIterable { case minmax, percentile, entropy }

    @Argument(help: "An FP32 ONNX model.") var model: String
    @Option(name: .long, help: "int8 or fp16.") var precision: Precision
    @Option(name: .long, help: ArgumentHelp("Calibration samples (int8): a `run --input` file, or an eval-set directory (its inputs.bin).", valueName: "file|dir")) var calib: String?
    @Option(name: .long, help: "Activation calibration: minmax, percentile or entropy (KL).") var method: Method = .minmax
    @Option(name: .long, help: ArgumentHelp("Percent of values the percentile method keeps.", valueName: "p")) var percentile: Double = 99.99
    @Flag(name: .long, help: "Skip timing candidates; keep convolutions under 100k MACs in float instead (rule of thumb).")
    var noMeasure = false
    @Option(name: .long, help: ArgumentHelp("Where to write the variant (.onnx).", valueName: "path")) var out: String
    @OptionGroup var engine: EngineOptions

    func validate() throws {
        if precision == .int8 && calib == nil { throw ValidationError("--precision int8 needs --calib FILE|DIR") }
        if !(percentile > 50 && percentile <= 100) { throw ValidationError("--percentile must be in (50, 100], got \(percentile)") }
    }

    var calibrationMethod: Calibration.Method {
        switch method {
        case .minmax: .minMax
        case .percentile: .percentile(percentile)
        case .entropy: .entropy
        }
    }

    func run() throws {
        OpenBLASCore.ensurePreferredKernel()
        let loaded = try engine.load(model)
        let variant: Graph
        do {
            switch precision {
            case .fp16:
                let (graph, converted) = Float16Converter.convert(loaded.graph)
                print("fp16: \(converted) weight tensors stored as float16; inputs and outputs stay float32")
                variant = graph
            case .int8:
                let options = try engine.compilerOptions()
                let compiled = try Compiler.compile(loaded.graph, options: options)
                let samples = try SampleReader.samples(compiled: compiled, inputFile: calib, batch: engine.batch).map { $0[0] }
                let settings = QDQQuantizer.Settings(method: calibrationMethod, measureCost: !noMeasure)
                FileHandle.standardError.write(Data("calibrating on \(samples.count) sample(s) (\(settings.method))\(noMeasure ? "" : ", then timing each candidate")…\n".utf8))
                let result = try QDQQuantizer.quantize(loaded.graph, samples: samples, options: options, settings: settings)
                print("int8: \(result.quantized.count) convolution(s) quantized (per-channel int8 weights, uint8 activations)")
                for (node, reason) in result.keptFloat { print("kept float: \(node): \(reason)") }
                variant = result.graph
            }
            try ONNXExporter.export(variant, producer: "edgepilot \(precision.rawValue)").write(to: URL(fileURLWithPath: out))
        } catch let error as EngineError {
            throw CLIError(error.description)
        } catch {
            throw CLIError("cannot write \(out): \(error.localizedDescription)")
        }
        print("wrote \(out)")
    }
}
