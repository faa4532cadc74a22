import Engine
import EngineIR
import EngineONNX
import Foundation
import Testing

/// A real detection graph: PP-OCRv4's DBNet text detector (examples/models/ppocr-det-v4, from
/// the rapidocr_onnxruntime wheel) — FPN neck with Resize, a head of ConvTranspose + bias Add +
/// BatchNormalization, HardSigmoid SE blocks — runs with no reference step and gives ONNX
/// Runtime's probability map on a 160×160 text canvas (`scripts/make-det-reference`), at every
/// ISA level this build has.
@Suite struct DetectionModelTests {
    static let directory = SharedModels.repository + "/examples/eval/ppocr-det-v4"

    @Test(arguments: ISALevel.runnableHere)
    func matchesOnnxRuntimeWithNoReferenceStep(isa: ISALevel) throws {
        let model = try ONNXImporter.load(path: SharedModels.modelPath("ppocr-det-v4"))
        let compiled = try Compiler.compile(model.graph, options: .init(inputShapes: ["x": [1, 3, 160, 160]], isa: isa))
        #expect(compiled.report.referenceSteps.isEmpty, "reference steps: \(compiled.report.referenceSteps.map(\.kind))")
        let input = SharedModels.floats(try Data(contentsOf: URL(fileURLWithPath: Self.directory + "/input.f32")))
        let expected = SharedModels.floats(try Data(contentsOf: URL(fileURLWithPath: Self.directory + "/ort_output.f32")))
        let output = try compiled.run([Tensor(shape: [1, 3, 160, 160], floats: input)])[0]
        #expect(output.shape == [1, 1, 160, 160])
        let actual = output.floats
        let error = SharedModels.relativeL2(actual[...], expected[...])
        let agree = zip(actual, expected).filter { ($0 > 0.3) == ($1 > 0.3) }.count
        #expect(error <= 1e-4, "[\(isa)] relative L2 \(error)")
        #expect(agree == expected.count, "[\(isa)] the text mask differs from ORT's on \(expected.count - agree) pixels")
        #expect(expected.filter { $0 > 0.3 }.count > 500, "the reference finds text")
        print("ppocr-det-v4 [\(isa)]: relative L2 \(error) against ORT, text mask identical")
    }
}
