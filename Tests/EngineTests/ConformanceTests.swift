import Engine
import EngineIR
import EngineONNX
import Foundation
import Testing

/// The ONNX backend node tests (Debian's libonnx-testdata) for every op the engine supports:
/// each test whose ops are all registered must compile and match its expected outputs
/// (rtol 1e-3, atol 1e-5), or fail to compile with the clear "unsupported" error its op
/// documents (docs/operators.md). Prints passed / failed / unsupported counts, and which passing
/// tests still ran a reference step (ops with a fast step must not).
let conformanceRoot = "/usr/share/libonnx-testdata/data/node"

@Suite(.enabled(if: FileManager.default.fileExists(atPath: conformanceRoot), "libonnx-testdata is not installed (make deps installs it)"))
struct ConformanceTests {
    static let root = conformanceRoot

    enum Outcome: Equatable {
        /// Passed, with the kinds of the reference steps it ran (none for an op with a fast step).
        case passed(reference: [String])
        case failed(String), unsupported(String), notOurOp
    }

    /// Ops added with fast steps (issue 15): a passing float32 node test of theirs runs no
    /// reference step (the fast steps are float32; double-typed tests run the reference).
    static let fastOps = ["Elu", "Selu", "Celu", "Softplus", "Softsign", "LogSoftmax", "Hardmax", "Round", "Sign", "Shrink",
                          "ThresholdedRelu", "DepthToSpace", "SpaceToDepth", "LRN", "GlobalMaxPool", "ReduceL1", "ReduceL2", "ReduceLogSum",
                          "ReduceLogSumExp", "ReduceProd", "ReduceSumSquare", "MeanVarianceNormalization", "Floor", "Ceil"]

    static func run(_ directory: String) -> Outcome {
        guard let ops = ONNXImporter.opTypes(path: directory + "/model.onnx"),
            ops.allSatisfy({ $0.domain.isEmpty && OperatorRegistry.all[$0.opType] != nil })
        else { return .notOurOp }
        let model: ONNXImporter.Model
        do {
            model = try ONNXImporter.load(path: directory + "/model.onnx")
        } catch where error.code == .unsupported {
            return .unsupported(error.items.joined(separator: "; "))
        } catch {
            return .failed("import: \(error)")
        }
        let dataSet = directory + "/test_data_set_0"
        func load(_ prefix: String) throws -> [Tensor] {
            var tensors: [Tensor] = []
            var index = 0
            while let data = FileManager.default.contents(atPath: "\(dataSet)/\(prefix)_\(index).pb") {
                tensors.append(try ONNXImporter.tensor(data, source: "\(prefix)_\(index).pb"))
                index += 1
            }
            return tensors
        }
        do {
            let inputs = try load("input"), expected = try load("output")
            var shapes: [String: [Int]] = [:]
            for (info, tensor) in zip(model.graph.inputs, inputs) { shapes[info.name] = tensor.shape }
            let compiled = try Compiler.compile(model.graph, options: .init(inputShapes: shapes, isa: .best(features: ["avx2", "fma"], architecture: nil)))
            let outputs = try compiled.run(inputs)
            let float32 = model.graph.inputs.allSatisfy { $0.dtype == .float32 }
            let reference = compiled.report.referenceSteps.map { float32 ? $0.kind : "\($0.kind) (not float32)" }
            for (index, (got, want)) in zip(outputs, expected).enumerated() {
                guard got.shape == want.shape || (got.count == want.count && got.count == 1) else {
                    return .failed("output \(index): shape \(got.shape), expected \(want.shape)")
                }
                let a = got.doubles, b = want.doubles
                for i in a.indices {
                    if a[i].isNaN && b[i].isNaN { continue }
                    if a[i] == b[i] { continue }
                    if !(abs(a[i] - b[i]) <= 1e-5 + 1e-3 * abs(b[i])) {
                        return .failed("output \(index)[\(i)] = \(a[i]), expected \(b[i])")
                    }
                }
            }
            return .passed(reference: reference)
        } catch let error as EngineError where error.code == .unsupported {
            return .unsupported(error.items.isEmpty ? error.message : error.items.joined(separator: "; "))
        } catch {
            return .failed("\(error)")
        }
    }

    @Test func nodeTestsOfSupportedOps() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.root).filter { $0.hasPrefix("test_") }.sorted()
        var passed: [String] = [], failed: [(String, String)] = [], unsupported: [(String, String)] = []
        var slow: [(String, [String])] = []
        for name in names {
            switch Self.run(Self.root + "/" + name) {
            case .passed(let reference):
                passed.append(name)
                if !reference.isEmpty { slow.append((name, reference)) }
            case .failed(let why): failed.append((name, why))
            case .unsupported(let why): unsupported.append((name, why))
            case .notOurOp: continue
            }
        }
        let report = unsupported.map { "  unsupported \($0.0): \($0.1)" } + failed.map { "  FAILED \($0.0): \($0.1)" }
        print(report.joined(separator: "\n"))
        print(slow.map { "  reference step in \($0.0): \($0.1.joined(separator: ", "))" }.joined(separator: "\n"))
        print("ONNX node conformance: \(passed.count) passed (\(slow.count) of them with a reference step), \(failed.count) failed, "
            + "\(unsupported.count) unsupported")
        let slowFastOps = slow.filter { $0.1.contains { kind in Self.fastOps.contains { kind == "reference \($0)" } } }
        #expect(slowFastOps.isEmpty, "ops with a fast step ran a reference step: \(slowFastOps.map(\.0))")
        #expect(failed.isEmpty, "\(failed.count) node tests failed: \(failed.prefix(20).map(\.0))")
        #expect(passed.count >= 360, "fewer node tests pass than before (365)")
    }
}
