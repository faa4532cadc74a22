import Engine
import EngineIR
import EngineONNX
import Foundation
import Testing

/// The shared INT8 QDQ files (ONNX Runtime's quantizer output) run with QuantizeLinear /
/// DequantizeLinear semantics; top-1 within ±0.5 point of ORT's accuracy (README table).
@Suite(.enabled(if: SharedModels.available, "\(SharedModels.missingReason)"))
struct QuantizedModelTests {
    @Test(arguments: [("iris-mlp", 98.0), ("mnist-cntk", 98.93), ("ppocr-cls-v2.0", 95.5), ("squeezenet1.1", 68.0)])
    func qdqAccuracyMatchesOnnxRuntime(name: String, ortPercent: Double) throws {
        let data = try SharedModels.load(name)
        let model = try ONNXImporter.load(path: SharedModels.shared + "/\(name)/int8_qdq.onnx")
        let compiled = try Compiler.compile(model.graph, options: .init(inputShapes: [model.graph.inputs[0].name: data.inputShape]))
        var correct = 0
        for i in 0..<data.samples {
            let output = try compiled.run([Tensor(shape: data.inputShape, floats: data.input(i))])[0].floats
            if SharedModels.argmax(output[...]) == Int(data.labels[i]) { correct += 1 }
        }
        let percent = 100 * Double(correct) / Double(data.samples)
        #expect(abs(percent - ortPercent) <= 0.5, "\(name) int8_qdq: \(percent)% vs ORT \(ortPercent)%")
        print("\(name) int8_qdq: \(correct)/\(data.samples) = \(percent)% (ORT \(ortPercent)%)")
    }
}
