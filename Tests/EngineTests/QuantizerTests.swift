import Engine
import EngineIR
import EngineONNX
import Foundation
import Testing

/// On-device INT8 (MinMax QDQ) from the FP32 models, calibrated on the samples BASELINE.md set
/// aside (or the first ones where none are): top-1 loss vs FP32 ≤ 1.0 point; the written file
/// reads back and runs with integer convolutions.
@Suite(.enabled(if: SharedModels.available, "\(SharedModels.missingReason)"))
struct QuantizerTests {
    @Test(arguments: ["mnist-cntk", "squeezenet1.1", "ppocr-cls-v2.0"], [Calibration.Method.minMax, .percentile(99.99), .entropy])
    func ownInt8LosesAtMostOnePoint(name: String, method: Calibration.Method) throws {
        let data = try SharedModels.load(name)
        let model = try ONNXImporter.load(path: SharedModels.modelPath(name))
        let inputName = model.graph.inputs[0].name
        let options = Compiler.Options(inputShapes: [inputName: data.inputShape])
        let calibration = name == "mnist-cntk" ? Array(9900..<10000) : Array(0..<min(20, data.samples))
        let samples = calibration.map { Tensor(shape: data.inputShape, floats: data.input($0)) }
        // Accuracy is checked with every candidate in integer (the rule of thumb, no timing):
        // the measured cost rule keeps most convolutions in float on this AVX2 machine.
        let result = try QDQQuantizer.quantize(model.graph, samples: samples, options: options,
                                               settings: .init(method: method, measureCost: false))
        #expect(!result.quantized.isEmpty)
        let bytes = try ONNXExporter.export(result.graph)
        let reloaded = try ONNXImporter.parse(bytes, source: "\(name)-int8")
        let compiled = try Compiler.compile(reloaded.graph, options: options)
        #expect(compiled.report.steps.filter(\.isIntegerConvolution).count == result.quantized.count)
        let fp32 = try Compiler.compile(model.graph, options: options)
        var correctInt8 = 0, correctFP32 = 0
        let evaluated = name == "mnist-cntk" ? Array(0..<9900) : Array(0..<data.samples)
        for i in evaluated {
            let x = [Tensor(shape: data.inputShape, floats: data.input(i))]
            if SharedModels.argmax(try compiled.run(x)[0].floats[...]) == Int(data.labels[i]) { correctInt8 += 1 }
            if SharedModels.argmax(try fp32.run(x)[0].floats[...]) == Int(data.labels[i]) { correctFP32 += 1 }
        }
        let loss = 100 * Double(correctFP32 - correctInt8) / Double(evaluated.count)
        // The bar is 1.0 point; on the 50 staged SqueezeNet images one image is 2 points, so
        // there the bar is one image.
        let bar = max(1.0, 100 / Double(evaluated.count))
        print("\(name) own int8 (\(method)): \(correctInt8)/\(evaluated.count) vs fp32 \(correctFP32): loss \(loss) points; \(result.quantized.count) convs quantized, \(result.keptFloat.count) kept float")
        #expect(loss <= bar, "\(name): own INT8 loses \(loss) points")
    }

    /// The measured cost rule decides every candidate: quantized, or kept float with the two
    /// timings that decided it.
    @Test func costRuleDecidesEveryCandidateWithTimings() throws {
        let data = try SharedModels.load("ppocr-cls-v2.0")
        let model = try ONNXImporter.load(path: SharedModels.modelPath("ppocr-cls-v2.0"))
        let options = Compiler.Options(inputShapes: [model.graph.inputs[0].name: data.inputShape])
        let samples = (0..<4).map { Tensor(shape: data.inputShape, floats: data.input($0)) }
        let result = try QDQQuantizer.quantize(model.graph, samples: samples, options: options, settings: .init(runs: 5))
        let convs = model.graph.nodes.filter { $0.opType == "Conv" }.count
        let measured = result.keptFloat.filter { $0.reason.hasPrefix("measured: integer ") && $0.reason.contains(" vs float ") }
        let structural = result.keptFloat.filter { $0.reason.contains("depthwise") }
        #expect(result.quantized.count + measured.count + structural.count == convs,
                "\(result.quantized.count) quantized + \(measured.count) measured + \(structural.count) depthwise ≠ \(convs) convs")
    }
}
