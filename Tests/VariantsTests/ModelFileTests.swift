import Basics
import Crypto
import EngineIR
import Foundation
import Testing
@testable import Variants

@Suite struct ModelFileTests {
    @Test func loadsAFileWithItsDigestNameAndPrecision() throws {
        let file = try ModelFile.load(Repository.mnist)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Repository.mnist))
        #expect(file.name == "mnist-cntk/fp32.onnx" && file.precision == .fp32 && file.bytes == bytes.count)
        #expect(file.sha256 == SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
        #expect(file.derivedFromSHA256 == nil)
    }

    /// int8 when the file holds quantization ops; fp16 when its weights — initializers or
    /// Constant values — are float16; else fp32.
    @Test func precisionComesFromWhatTheGraphHolds() {
        let half = Tensor(shape: [2], storage: .float16([1, 2]))
        var graph = Graph(name: "g", inputs: [], outputs: [], nodes: [])
        #expect(ModelFile.precision(of: graph) == .fp32)
        graph.nodes = [Node(name: "c", opType: "Constant", inputs: [], outputs: ["w"], attributes: ["value": .tensor(half)])]
        #expect(ModelFile.precision(of: graph) == .fp16)
        graph.nodes = []
        graph.initializers["w"] = half
        #expect(ModelFile.precision(of: graph) == .fp16)
        graph.nodes = [Node(name: "q", opType: "QuantizeLinear", inputs: ["x", "s"], outputs: ["y"])]
        #expect(ModelFile.precision(of: graph) == .int8)
    }

    @Test func aTruncatedFileIsRefusedWithItsPath() throws {
        let scratch = try Scratch()
        let path = scratch.path + "/cut.onnx"
        try Data(try Data(contentsOf: URL(fileURLWithPath: Repository.mnist)).prefix(1000)).write(to: URL(fileURLWithPath: path))
        #expect { try ModelFile.load(path) } throws: { error in
            guard let error = error as? VariantsError else { return false }
            return error.code == .load && error.message.contains(path)
        }
    }
}
