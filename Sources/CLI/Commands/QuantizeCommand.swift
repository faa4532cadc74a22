import ArgumentParser
import Engine
import Foundation
import Variants

/// `edgepilot quantize MODEL --precision int8|fp16 --out PATH`: build a variant on the device
/// (`Variants.VariantBuilder`, the same builder bench and pull use).
struct QuantizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Build an INT8 (QDQ, calibrated) or FP16 variant of an FP32 model; write it as ONNX.",
        discussion: """
            --calib holds input samples back to back in the same raw format as `run --input` (int8 only). \
            INT8: per-channel symmetric int8 weights, asymmetric uint8 activations from MinMax, Percentile or \
            Entropy (KL) ranges, int32 bias. Each convolution with an integer kernel is timed on this machine \
            in integer (with the Q/DQ it brings) and in float, and stays float unless integer is ≥10% faster; the \
            output lists every op kept in float with its reason. FP16: fp16 weights with fp32 inputs and outputs. \
            The written file records the sha256 of the model it was built from (metadata edgepilot.derived_from_sha256).
            """)

    enum Target: String, ExpressibleByArgument { case int8, fp16 }
    enum Method: String, ExpressibleByArgument, CaseIterable { case minmax, percentile, entropy }

    @Argument(help: "An FP32 ONNX model.") var model: String
    @Option(name: .long, help: "int8 or fp16.") var precision: Target
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
        _ = try engine.singleThreadCount()
    }

    var recipe: VariantBuilder.Recipe {
        switch precision {
        case .fp16: return .fp16
        case .int8:
            let calibration: Calibration.Method = switch method {
            case .minmax: .minMax
            case .percentile: .percentile(percentile)
            case .entropy: .entropy
            }
            return .int8(calibration: calib!, method: calibration, measureCost: !noMeasure)
        }
    }

    func run() throws {
        let host = HostCPU.preparingOpenBLAS(HostCPU(try HostCPU.probeThisMachine()))
        let file = try engine.load(model)
        let built = try VariantBuilder.build(recipe, from: file, options: try engine.compilerOptions(host: host).restricted(to: file.graph),
                                             producer: "edgepilot quantize", log: say)
        print(built.summary)
        for (node, reason) in built.keptFloat { print("kept float: \(node): \(reason)") }
        do {
            try built.file.write(to: URL(fileURLWithPath: out))
        } catch {
            throw CLIError("cannot write \(out): \(error.localizedDescription)")
        }
        print("wrote \(out)")
    }
}
