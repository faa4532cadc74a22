import Foundation

/// Paths of the bundled models and data, and a scratch directory removed with the value.
enum Repository {
    static let root = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
    static let mnist = root + "/examples/models/mnist-cntk/fp32.onnx"
    static let digits = root + "/examples/eval/mnist-16"
}

final class Scratch {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-variants-\(UUID().uuidString)").path
    init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
