import Engine
import EngineIR
import EngineONNX
import Foundation

/// The four real models and their staged eval data. Models are bundled in examples/models;
/// eval data is read from ../shared/models (ImageNet and OCR photos may not be committed), and
/// tests that need it skip, saying why, when it is absent.
enum SharedModels {
    static let repository = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(4).joined(separator: "/")
    static let shared = repository + "/../shared/models"
    static var available: Bool { FileManager.default.fileExists(atPath: shared + "/mnist-cntk/eval/images.bin") }
    static let missingReason = "../shared/models (real eval data) is not beside this checkout"

    static func modelPath(_ name: String) -> String { repository + "/examples/models/\(name)/fp32.onnx" }

    static func bytes(_ model: String, _ file: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: "\(shared)/\(model)/eval/\(file)"))
    }

    static func floats(_ data: Data) -> [Float] {
        data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    static func int32s(_ data: Data) -> [Int32] {
        data.withUnsafeBytes { Array($0.bindMemory(to: Int32.self)) }
    }

    struct Case {
        var name: String
        var inputShape: [Int]
        var samples: Int
        var classes: Int
        /// The model input of sample i.
        var input: (Int) -> [Float]
        var reference: [Float]
        var labels: [Int32]
        /// BASELINE.md / README accuracy on the staged samples.
        var expectedCorrect: Int
    }

    static func load(_ name: String) throws -> Case {
        switch name {
        case "iris-mlp":
            let x = floats(try bytes(name, "features.bin"))
            return Case(name: name, inputShape: [1, 4], samples: 150, classes: 3, input: { Array(x[$0 * 4..<($0 + 1) * 4]) },
                        reference: floats(try bytes(name, "ref_fp32_logits.bin")), labels: int32s(try bytes(name, "labels.bin")),
                        expectedCorrect: 147)
        case "mnist-cntk":
            let images = [UInt8](try bytes(name, "images.bin"))
            return Case(name: name, inputShape: [1, 1, 28, 28], samples: 10000, classes: 10,
                        input: { images[$0 * 784..<($0 + 1) * 784].map(Float.init) },
                        reference: floats(try bytes(name, "ref_fp32_logits.bin")), labels: int32s(try bytes(name, "labels.bin")),
                        expectedCorrect: 9891)
        case "squeezenet1.1":
            let images = [UInt8](try bytes(name, "images_bgr.bin"))
            let mean: [Float] = [104, 117, 123]
            let plane = 224 * 224
            return Case(name: name, inputShape: [1, 3, 224, 224], samples: 50, classes: 1000,
                        input: { i in (0..<3 * plane).map { Float(images[i * 3 * plane + $0]) - mean[$0 / plane] } },
                        reference: floats(try bytes(name, "ref_fp32_probs.bin")), labels: int32s(try bytes(name, "labels.bin")),
                        expectedCorrect: 35)
        default:
            let crops = [UInt8](try bytes(name, "crops_bgr.bin"))
            let widths = int32s(try bytes(name, "valid_width.bin"))
            let size = 3 * 48 * 192
            return Case(name: name, inputShape: [1, 3, 48, 192], samples: 200, classes: 2,
                        input: { i in (0..<size).map { j in j % 192 < Int(widths[i]) ? (Float(crops[i * size + j]) / 255 - 0.5) / 0.5 : 0 } },
                        reference: floats(try bytes(name, "ref_fp32_probs.bin")), labels: int32s(try bytes(name, "labels.bin")),
                        expectedCorrect: 189)
        }
    }

    static func argmax(_ values: ArraySlice<Float>) -> Int {
        values.indices.max { values[$0] < values[$1] }! - values.startIndex
    }

    static func relativeL2(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Double {
        var diff = 0.0, norm = 0.0
        for (x, y) in zip(a, b) {
            diff += Double(x - y) * Double(x - y)
            norm += Double(y) * Double(y)
        }
        return (diff / max(norm, 1e-30)).squareRoot()
    }
}
