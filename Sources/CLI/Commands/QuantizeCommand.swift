import ArgumentParser
import Engine
import EngineIR
import EngineONNX
import Foundation

/// `edgepilot quantize MODEL --precision int8|fp16 --out PATH`: build a variant on the device.
struct QuantizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Build an INT8 (QDQ, MinMax-calibrated) or FP16 variant of an FP32 model; write it as ONNX.",
        discussion: """
            --calib holds input samples back to back in the same raw format as `run --input` (int8 only). \
            INT8: per-channel symmetric int8 weights, asymmetric uint8 activations from MinMax ranges, int32 \
            bias; only convolutions with an integer kernel and enough work are quantized, and the output \
            lists every op kept in float with its reason. FP16: fp16 weights with fp32 inputs and outputs.
            """)

    enum Precision: String, ExpressibleByArgument { case int8, fp16 }

    @Argument(help: "An FP32 ONNX model.") var model: String
    @Option(name: .long, help: "int8 or fp16.") var precision: Precision
    @Option(name: .long, help: ArgumentHelp("Calibration samples (int8).", valueName: "file")) var calib: String?
    @Option(name: .long, help: ArgumentHelp("Where to write the variant (.onnx).", valueName: "path")) var out: String
    @OptionGroup var engine: EngineOptions

    func validate() throws {
        if precision == .int8 && calib == nil { throw ValidationError("--precision int8 needs --calib FILE") }
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
                FileHandle.standardError.write(Data("calibrating on \(samples.count) sample(s) (MinMax)…\n".utf8))
                let result = try QDQQuantizer.quantize(loaded.graph, samples: samples, options: options)
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
