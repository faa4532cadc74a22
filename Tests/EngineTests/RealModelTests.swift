import Engine
import EngineIR
import EngineONNX
import Foundation
import Testing

/// The four real models, FP32: every staged sample against ONNX Runtime's reference output
/// (relative L2 ≤ 1e-4), top-1 identical, and accuracy equal to BASELINE.md.
@Suite(.enabled(if: SharedModels.available, "\(SharedModels.missingReason)"))
struct RealModelTests {
    @Test(arguments: ["iris-mlp", "mnist-cntk", "ppocr-cls-v2.0", "squeezenet1.1"], ISALevel.runnableHere)
    func fp32MatchesOnnxRuntime(name: String, isa: ISALevel) throws {
        let data = try SharedModels.load(name)
        let model = try ONNXImporter.load(path: SharedModels.modelPath(name))
        let inputName = model.graph.inputs[0].name
        let compiled = try Compiler.compile(model.graph, options: .init(inputShapes: [inputName: data.inputShape], isa: isa))
        var worst = 0.0, correct = 0, agree = 0
        for i in 0..<data.samples {
            let output = try compiled.run([Tensor(shape: data.inputShape, floats: data.input(i))])[0].floats
            let reference = data.reference[i * data.classes..<(i + 1) * data.classes]
            worst = max(worst, SharedModels.relativeL2(output[...], reference))
            let top = SharedModels.argmax(output[...])
            if top == SharedModels.argmax(reference) { agree += 1 }
            if top == Int(data.labels[i]) { correct += 1 }
        }
        #expect(worst <= 1e-4, "\(name) [\(isa)]: worst relative L2 \(worst)")
        #expect(agree == data.samples, "\(name) [\(isa)]: top-1 differs from ORT on \(data.samples - agree) samples")
        #expect(correct == data.expectedCorrect, "\(name) [\(isa)]: \(correct)/\(data.samples) correct, BASELINE \(data.expectedCorrect)")
        print("\(name) [\(isa)]: worst relative L2 \(worst), top-1 \(correct)/\(data.samples)")
    }
}
