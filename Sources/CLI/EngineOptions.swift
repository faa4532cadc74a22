import ArgumentParser
import Foundation
import Engine
import EngineONNX
import Variants

/// Options shared by the commands that compile a model.
struct EngineOptions: ParsableArguments {
    @Option(name: .long, help: "Batch size that replaces the model's symbolic first dimension.")
    var batch = 1

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Fix an input's shape, e.g. --shape x=1,3,48,192 (for inputs with symbolic dims other than the batch).", valueName: "name=dims"))
    var shape: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Threads for the engine's steps (one pool; OpenBLAS kept at one thread). `bench` takes a list (1,2).", valueName: "n"))
    var threads = "1"

    @Option(name: .long, help: ArgumentHelp("Kernel ISA level: \(ISALevel.allCases.map(\.rawValue).joined(separator: ", ")) (default: the best this CPU has).", valueName: "level"))
    var isa: String?

    @Option(name: .long, help: ArgumentHelp("Refuse model files larger than this many bytes.", valueName: "bytes"))
    var maxModelBytes = 512 << 20

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be ≥ 1") }
        _ = try threadCounts()
        _ = try inputShapes()
        if let isa, ISALevel(rawValue: isa) == nil { throw ValidationError("--isa must be one of \(ISALevel.allCases.map(\.rawValue).joined(separator: ", "))") }
    }

    /// `--threads 1` or `--threads 1,2` (each between 1 and 256).
    func threadCounts() throws -> [Int] {
        let counts = threads.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !counts.isEmpty, counts.allSatisfy({ $0.map { (1...256).contains($0) } ?? false }) else {
            throw ValidationError("--threads: a count between 1 and 256, or (bench) a comma-separated list of them; got '\(threads)'")
        }
        return counts.map { $0! }
    }

    /// The one thread count of commands that run a single configuration.
    func singleThreadCount() throws -> Int {
        let counts = try threadCounts()
        guard counts.count == 1 else { throw ValidationError("--threads takes one count here (`bench` takes a list)") }
        return counts[0]
    }

    func inputShapes() throws -> [String: [Int]] {
        var shapes: [String: [Int]] = [:]
        for item in shape {
            let parts = item.split(separator: "=", maxSplits: 1)
            let dims = parts.count == 2 ? parts[1].split(separator: ",").map { Int($0) } : []
            guard parts.count == 2, !dims.isEmpty, dims.allSatisfy({ ($0 ?? 0) > 0 }) else {
                throw ValidationError("--shape \(item): expected name=d0,d1,… with positive dims")
            }
            shapes[String(parts[0])] = dims.map { $0! }
        }
        return shapes
    }

    /// Compile options for kernels on `host` (the first thread count).
    func compilerOptions(host: HostCPU) throws -> Compiler.Options {
        Compiler.Options(batch: batch, inputShapes: try inputShapes(), isa: try host.isaLevel(requested: isa.flatMap(ISALevel.init(rawValue:))),
                         threads: try threadCounts()[0])
    }

    func load(_ path: String) throws -> ModelFile { try ModelFile.load(path, maximumBytes: maxModelBytes) }

    func loadONNX(_ path: String) throws -> ONNXImporter.Model { try ONNXImporter.load(path: path, options: .init(maximumFileBytes: maxModelBytes)) }
}

extension HostCPU {
    /// This machine's CPU, with OpenBLAS switched to its kernel (which may re-execute the process:
    /// call it before anything that must not happen twice).
    static func preparingOpenBLAS(_ host: HostCPU) -> HostCPU {
        OpenBLASCore.ensurePreferredKernel(features: host.features, coreNames: host.coreNames)
        return host
    }
}
