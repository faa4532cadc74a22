import Engine
import EngineIR
@testable import EngineONNX
import Foundation
import SwiftProtobuf
import Testing

/// Hostile and broken files: each gets a clear error naming what and where; none crashes.
@Suite struct ONNXImporterTests {
    static let mnist = SharedModels.modelPath("mnist-cntk")

    func expectError(_ code: EngineError.Code, containing text: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("no error; expected \(code): \(text)")
        } catch let error as EngineError {
            #expect(error.code == code, "\(error)")
            #expect(error.description.contains(text), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// A small valid model, as protobuf, for the tests to break.
    func model(_ edit: (inout Onnx_ModelProto) -> Void = { _ in }) -> Data {
        var proto = Onnx_ModelProto()
        proto.irVersion = 8
        var opset = Onnx_OperatorSetIdProto()
        opset.version = 13
        proto.opsetImport = [opset]
        var graph = Onnx_GraphProto()
        var input = Onnx_ValueInfoProto()
        input.name = "x"
        var type = Onnx_TypeProto.Tensor()
        type.elemType = 1
        var dim = Onnx_TensorShapeProto.Dimension()
        dim.dimValue = 4
        type.shape.dim = [dim]
        input.type.tensorType = type
        graph.input = [input]
        var output = input
        output.name = "y"
        graph.output = [output]
        var weight = Onnx_TensorProto()
        weight.name = "w"
        weight.dataType = 1
        weight.dims = [4]
        weight.floatData = [1, 2, 3, 4]
        graph.initializer = [weight]
        var node = Onnx_NodeProto()
        node.opType = "Add"
        node.name = "add"
        node.input = ["x", "w"]
        node.output = ["y"]
        graph.node = [node]
        proto.graph = graph
        edit(&proto)
        return try! proto.serializedData()
    }

    @Test func validModelImportsAndRuns() throws {
        let imported = try ONNXImporter.parse(model(), source: "tiny")
        let compiled = try Compiler.compile(imported.graph)
        #expect(try compiled.run([Tensor(shape: [4], floats: [1, 1, 1, 1])])[0].floats == [2, 3, 4, 5])
    }

    @Test func truncatedFile() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.mnist))
        expectError(.invalidModel, containing: "truncated") { _ = try ONNXImporter.parse(data.prefix(data.count / 2), source: "half.onnx") }
    }

    @Test func randomBytes() {
        var generator = TinyGraphs.Generator(state: 99)
        for length in [1, 7, 100, 4096] {
            let data = Data((0..<length).map { _ in UInt8(truncatingIfNeeded: Int((generator.next() + 1) * 127)) })
            do {
                _ = try ONNXImporter.parse(data, source: "noise")
                Issue.record("random bytes (\(length)) imported")
            } catch {
                #expect(error.code == .invalidModel || error.code == .unsupported, "\(error)")
            }
        }
    }

    @Test func emptyFile() {
        expectError(.invalidModel, containing: "empty file") { _ = try ONNXImporter.parse(Data(), source: "empty.onnx") }
    }

    @Test func dimsThatOverflow() {
        let data = model { $0.graph.initializer[0].dims = [1 << 40, 1 << 40] }
        expectError(.invalidModel, containing: "overflow") { _ = try ONNXImporter.parse(data, source: "big") }
    }

    @Test func negativeDims() {
        let data = model { $0.graph.initializer[0].dims = [-4] }
        expectError(.invalidModel, containing: "negative dimension -4") { _ = try ONNXImporter.parse(data, source: "neg") }
        let input = model { $0.graph.input[0].type.tensorType.shape.dim[0].dimValue = -7 }
        expectError(.invalidModel, containing: "dimension 0 = -7") { _ = try ONNXImporter.parse(input, source: "neg-input") }
    }

    @Test func initializerSizeNotMatchingShape() {
        let typed = model { $0.graph.initializer[0].dims = [5] }
        expectError(.invalidModel, containing: "holds 4 elements, shape [5] needs 5") { _ = try ONNXImporter.parse(typed, source: "m") }
        let raw = model {
            $0.graph.initializer[0].floatData = []
            $0.graph.initializer[0].rawData = Data(count: 10)
        }
        expectError(.invalidModel, containing: "raw_data holds 10 bytes") { _ = try ONNXImporter.parse(raw, source: "m") }
    }

    @Test func narrowValuesOutOfRange() {
        let data = model {
            $0.graph.initializer[0].dataType = 2  // UINT8
            $0.graph.initializer[0].floatData = []
            $0.graph.initializer[0].int32Data = [1, 2, 300, 4]
        }
        expectError(.invalidModel, containing: "value 300 is outside uint8") { _ = try ONNXImporter.parse(data, source: "u8") }
    }

    @Test func graphCycle() throws {
        let data = model {
            var a = Onnx_NodeProto(), b = Onnx_NodeProto()
            a.opType = "Relu"; a.name = "a"; a.input = ["q"]; a.output = ["p"]
            b.opType = "Relu"; b.name = "b"; b.input = ["p"]; b.output = ["q"]
            $0.graph.node += [a, b]
        }
        let imported = try ONNXImporter.parse(data, source: "cycle")
        expectError(.invalidGraph, containing: "cycle") { _ = try Compiler.compile(imported.graph) }
    }

    @Test func inputNothingProduces() throws {
        let data = model { $0.graph.node[0].input = ["x", "ghost"] }
        let imported = try ONNXImporter.parse(data, source: "dangling")
        expectError(.invalidGraph, containing: "reads 'ghost', which nothing produces") { _ = try Compiler.compile(imported.graph) }
    }

    @Test func externalData() {
        let data = model { $0.graph.initializer[0].dataLocation = .external }
        expectError(.unsupported, containing: "external-data tensors are not supported") { _ = try ONNXImporter.parse(data, source: "ext") }
    }

    @Test func overTheSizeLimit() {
        expectError(.invalidModel, containing: "over the model size limit of 100 bytes") {
            _ = try ONNXImporter.load(path: Self.mnist, options: .init(maximumFileBytes: 100))
        }
    }

    /// Everything unsupported is listed at once, each naming node, op, domain and opset.
    @Test func allUnsupportedItemsAtOnce() throws {
        let data = model {
            var a = Onnx_NodeProto(), b = Onnx_NodeProto()
            a.opType = "NonMaxSuppression"; a.name = "nms"; a.input = ["x"]; a.output = ["n"]
            b.opType = "Attention"; b.domain = "com.microsoft"; b.name = "attention"; b.input = ["x"]; b.output = ["g"]
            $0.graph.node += [a, b]
            var ms = Onnx_OperatorSetIdProto()
            ms.domain = "com.microsoft"
            ms.version = 1
            $0.opsetImport.append(ms)
        }
        let imported = try ONNXImporter.parse(data, source: "mixed")
        do {
            _ = try Compiler.compile(imported.graph)
            Issue.record("compiled")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.items.count == 2)
            #expect(error.items.contains { $0.contains("'nms' (NonMaxSuppression)") && $0.contains("domain ai.onnx, opset 13") })
            #expect(error.items.contains { $0.contains("domain 'com.microsoft' (opset 1)") })
        }
    }
}
