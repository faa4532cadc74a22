import Engine
import EngineIR
import EngineONNX
import Foundation
import Testing

/// Real detection graphs, each against ONNX Runtime's output on a drawn canvas
/// (`scripts/make-det-reference`), at every ISA level this CPU runs, with no reference step:
/// - PP-OCRv4's DBNet text detector (examples/models/ppocr-det-v4, rapidocr_onnxruntime wheel):
///   FPN neck with Resize, a head of ConvTranspose + bias Add + BatchNormalization, HardSigmoid SE
///   blocks; the text mask (probability > 0.3) must be ORT's, pixel for pixel.
/// - ddddocr's YOLOX character detector (examples/models/ddddocr-det, fetched from the ddddocr
///   wheel by scripts/fetch-ddddocr-det, being over the repository's size limit): Focus
///   strided slices, SiLU everywhere, SPP max pools, PAN neck, a Transpose at the end; the
///   anchors scoring over 0.1 (objectness × class) must be ORT's.
@Suite struct DetectionModelTests {
    static func directory(_ model: String) -> String { SharedModels.repository + "/examples/eval/\(model)" }

    func compileAndRun(_ model: String, input: String, shape: [Int], isa: ISALevel) throws -> (actual: [Float], expected: [Float], shape: [Int]) {
        let graph = try ONNXImporter.load(path: SharedModels.modelPath(model)).graph
        let compiled = try Compiler.compile(graph, options: .init(inputShapes: [input: shape], isa: isa))
        #expect(compiled.report.referenceSteps.isEmpty, "\(model) reference steps: \(compiled.report.referenceSteps.map(\.kind))")
        let x = SharedModels.floats(try Data(contentsOf: URL(fileURLWithPath: Self.directory(model) + "/input.f32")))
        let expected = SharedModels.floats(try Data(contentsOf: URL(fileURLWithPath: Self.directory(model) + "/ort_output.f32")))
        let output = try compiled.run([Tensor(shape: shape, floats: x)])[0]
        return (output.floats, expected, output.shape)
    }

    @Test(arguments: ISALevel.runnableHere)
    func textDetectorMatchesOnnxRuntime(isa: ISALevel) throws {
        let (actual, expected, shape) = try compileAndRun("ppocr-det-v4", input: "x", shape: [1, 3, 160, 160], isa: isa)
        #expect(shape == [1, 1, 160, 160])
        let error = SharedModels.relativeL2(actual[...], expected[...])
        let agree = zip(actual, expected).filter { ($0 > 0.3) == ($1 > 0.3) }.count
        #expect(error <= 1e-4, "[\(isa)] relative L2 \(error)")
        #expect(agree == expected.count, "[\(isa)] the text mask differs from ORT's on \(expected.count - agree) pixels")
        #expect(expected.filter { $0 > 0.3 }.count > 500, "the reference finds text")
        print("ppocr-det-v4 [\(isa)]: relative L2 \(error) against ORT, text mask identical")
    }

    static let yoloxFetched = FileManager.default.fileExists(atPath: SharedModels.modelPath("ddddocr-det"))

    @Test(.enabled(if: yoloxFetched, "examples/models/ddddocr-det/fp32.onnx is absent: scripts/fetch-ddddocr-det (run by make test) takes it from PyPI"),
          arguments: ISALevel.runnableHere)
    func yoloxDetectorMatchesOnnxRuntime(isa: ISALevel) throws {
        let (actual, expected, shape) = try compileAndRun("ddddocr-det", input: "images", shape: [1, 3, 416, 416], isa: isa)
        #expect(shape == [1, 3549, 6])
        let error = SharedModels.relativeL2(actual[...], expected[...])
        func detected(_ y: [Float]) -> [Int] { (0..<3549).filter { y[$0 * 6 + 4] * y[$0 * 6 + 5] > 0.1 } }
        #expect(error <= 1e-4, "[\(isa)] relative L2 \(error)")
        #expect(detected(actual) == detected(expected), "[\(isa)] anchors over 0.1 differ from ORT's")
        #expect(detected(expected).count > 20, "the reference detects characters")
        print("ddddocr-det [\(isa)]: relative L2 \(error) against ORT, the same \(detected(expected).count) anchors over 0.1")
    }
}
