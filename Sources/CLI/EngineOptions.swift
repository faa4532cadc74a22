import ArgumentParser
import Engine
import EngineIR
import EngineONNX
import Foundation
import Probe

/// Options shared by the commands that compile a model.
struct EngineOptions: ParsableArguments {
    @Option(name: .long, help: "Batch size that replaces the model's symbolic first dimension.")
    var batch = 1

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Fix an input's shape, e.g. --shape x=1,3,48,192 (for inputs with symbolic dims other than the batch).", valueName: "name=dims"))
    var shape: [String] = []

    @Option(name: .long, help: "Threads for matrix work (OpenBLAS); the engine's own kernels use the calling thread.")
    var threads = 1

    @Option(name: .long, help: ArgumentHelp("Kernel ISA level: \(ISALevel.allCases.map(\.rawValue).joined(separator: ", ")) (default: the best this CPU has).", valueName: "level"))
    var isa: String?

    @Option(name: .long, help: ArgumentHelp("Refuse model files larger than this many bytes.", valueName: "bytes"))
    var maxModelBytes = 512 << 20

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be ≥ 1") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be between 1 and 256") }
        _ = try inputShapes()
        if let isa, ISALevel(rawValue: isa) == nil { throw ValidationError("--isa must be one of \(ISALevel.allCases.map(\.rawValue).joined(separator: ", "))") }
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

    /// The ISA level: the one asked for (refused if this build lacks it), else the host's best.
    func level() throws -> ISALevel {
        let features = HostFeatures.current
        let best = ISALevel.best(features: features.features, architecture: features.architecture)
        if let isa, let level = ISALevel(rawValue: isa) {
            guard level.available else { throw CLIError("--isa \(isa): this build has no \(isa) kernels") }
            guard level <= best else { throw CLIError("--isa \(isa): this CPU lacks it (the best it has is \(best.rawValue))") }
            return level
        }
        return best
    }

    func load(_ path: String) throws -> ONNXImporter.Model {
        do {
            return try ONNXImporter.load(path: path, options: .init(maximumFileBytes: maxModelBytes))
        } catch {
            throw CLIError(error.description)
        }
    }

    func compilerOptions() throws -> Compiler.Options {
        Compiler.Options(batch: batch, inputShapes: try inputShapes(), isa: try level(), threads: threads)
    }
}

/// The host's ISA features and core names, from the probe's /proc/cpuinfo reading.
struct HostFeatures {
    var features: [String]
    var architecture: String?
    var coreNames: [String]

    static let current: HostFeatures = {
        guard let profiles = try? ProfileLoader.load(directory: ProfileOptions.locate(explicit: nil)),
            let info = try? HardwareProbe.probe(.init(root: "/", profiles: profiles))
        else { return HostFeatures(features: [], architecture: nil, coreNames: []) }
        return HostFeatures(features: info.features, architecture: info.architecture, coreNames: info.cores.compactMap(\.coreName))
    }()
}
