import ArgumentParser
import Engine
import EngineIR
import Foundation
import Variants

/// `edgepilot run MODEL`: run a model on raw input samples (or random data) and print its
/// outputs; optionally time repeated runs.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a model on raw little-endian input samples or random data; print outputs (top-K for classifiers).",
        discussion: """
            --input holds the model input's elements in its dtype and shape, raw little-endian, C order; \
            several samples may follow each other, and each is run in turn (--batch N runs N per inference). \
            --output writes the first output of every sample the same way. --repeat times repeated runs of \
            the first sample after --warmup runs and prints min/median/p90/max latency.
            """)

    @Argument(help: "An ONNX model file.") var model: String
    @Option(name: .long, help: ArgumentHelp("Raw input samples, or an eval-set directory (its inputs.bin).", valueName: "file|dir")) var input: String?
    @Flag(name: .long, help: "Use one sample of uniform random data in [-1, 1] (seeded, reproducible).") var random = false
    @Option(name: .long, help: ArgumentHelp("Write the first output of every sample here.", valueName: "file")) var output: String?
    @Option(name: .long, help: "How many top classes to print for classifier outputs.") var top = 5
    @Option(name: .long, help: "Time this many runs of the first sample.") var `repeat` = 0
    @Option(name: .long, help: "Untimed runs before --repeat.") var warmup = 10
    @Flag(name: .long, help: "With --repeat: also print the time of each step, slowest first.") var profile = false
    @OptionGroup var engine: EngineOptions

    func validate() throws {
        _ = try engine.singleThreadCount()
        if input == nil && !random { throw ValidationError("give --input FILE or --random") }
        if input != nil && random { throw ValidationError("give either --input or --random, not both") }
        guard top >= 1 else { throw ValidationError("--top must be ≥ 1") }
        guard self.repeat >= 0, warmup >= 0 else { throw ValidationError("--repeat and --warmup must be ≥ 0") }
    }

    func run() throws {
        let host = HostCPU.preparingOpenBLAS(HostCPU(try HostCPU.probeThisMachine()))
        let file = try engine.load(model)
        let options = try engine.compilerOptions(host: host)
        let compiled = try Compiler.compile(file.graph, options: options)
        let samples = try input.map { try Samples.read($0, for: compiled, batch: engine.batch) } ?? [Samples.random(for: compiled)]
        say("\(samples.count) inference(s); \(compiled.report.computePrecision), kernels \(compiled.report.isa.rawValue), OpenBLAS core \(OpenBLASCore.current), \(options.threads) thread(s)")
        var written = Data()
        for (index, sample) in samples.enumerated() {
            let outputs = try compiled.run(sample)
            print(OutputPrinter.describe(outputs, ports: compiled.outputs.map(\.name), sample: index, batch: engine.batch, top: top))
            if output != nil { TensorMemory.append(outputs[0], to: &written) }
        }
        if let output {
            do {
                try written.write(to: URL(fileURLWithPath: output))
            } catch {
                throw CLIError("cannot write \(output): \(error.localizedDescription)")
            }
        }
        if self.repeat > 0, let first = samples.first {
            print(Timing.measure(compiled: compiled, sample: first, warmup: warmup, runs: self.repeat).text)
            if profile {
                for (step, nanoseconds) in compiled.profile(runs: self.repeat).sorted(by: { $0.nanoseconds > $1.nanoseconds }) {
                    print(String(format: "%9.1f µs  ", Double(nanoseconds) / 1000) + "\(step.kind)  \(step.node)")
                }
            }
        }
    }
}
