import Engine
import EngineIR
import EngineONNX
import Foundation
import Testing

/// The shared FP16 files (onnxconverter-common, fp16 weights, fp32 I/O): run with fp32
/// compute on this build, reported as such; top-1 equal to the FP32 model's on ≥ 99.5 % of
/// samples.
@Suite(.enabled(if: SharedModels.available, "\(SharedModels.missingReason)"))
struct Float16ModelTests {
    @Test(arguments: ["iris-mlp", "mnist-cntk", "ppocr-cls-v2.0", "squeezenet1.1"])
    func fp16AgreesWithFP32(name: String) throws {
        let data = try SharedModels.load(name)
        let half = try ONNXImporter.load(path: SharedModels.shared + "/\(name)/fp16.onnx")
        let compiled = try Compiler.compile(half.graph, options: .init(inputShapes: [half.graph.inputs[0].name: data.inputShape]))
        #expect(compiled.report.computePrecision.hasPrefix("fp32 compute, fp16 weights"))
        var agree = 0
        for i in 0..<data.samples {
            let output = try compiled.run([Tensor(shape: data.inputShape, floats: data.input(i))])[0].floats
            let reference = data.reference[i * data.classes..<(i + 1) * data.classes]
            if SharedModels.argmax(output[...]) == SharedModels.argmax(reference) { agree += 1 }
        }
        let share = Double(agree) / Double(data.samples)
        #expect(share >= 0.995, "\(name) fp16: top-1 equal to FP32 on \(agree)/\(data.samples)")
        print("\(name) fp16: top-1 equal to FP32 on \(agree)/\(data.samples)")
    }
}
