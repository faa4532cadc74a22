import ArgumentParser
import Foundation

/// `edgepilot infer MODEL --input FILE`: one inference through the daemon, on whichever variant
/// it runs now; prints what ran and how long it took.
struct InferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "infer", abstract: "Run one inference through edgepilotd on the variant it runs now.")
    @Argument(help: "The model.") var model: String
    @Option(name: .long, help: ArgumentHelp("One input: raw little-endian float32 in the model's input shape (as `run --input`).", valueName: "file"))
    var input: String
    @Option(name: .long, help: ArgumentHelp("Write the first output here (raw float32).", valueName: "file")) var output: String?
    @Flag(name: .long, help: "Print the output values as JSON.") var json = false
    @Option(name: .long, help: "Send the input this many times and report throughput and latency (a load for the policy to see).")
    var `repeat`: Int = 1
    @Option(name: .long, help: "With --repeat: clients sending at once.") var concurrency = 1
    @Option(name: .long, help: ArgumentHelp("With --repeat: send at this many requests per second in all (on a fixed schedule), not as fast as answers come.",
                                            valueName: "per-second"))
    var rate: Double?
    @OptionGroup var socketOptions: SocketOptions

    func validate() throws {
        guard (1...10_000_000).contains(self.repeat), (1...64).contains(concurrency) else {
            throw ValidationError("--repeat must be ≥ 1 and --concurrency 1…64")
        }
        if let rate, !(rate.isFinite && rate > 0 && rate <= 1_000_000) { throw ValidationError("--rate must be a number of requests per second, 0 < rate ≤ 1000000") }
    }

    func run() throws {
        if self.repeat > 1 { return try load() }
        guard let data = FileManager.default.contents(atPath: input) else { throw CLIError("cannot read \(input)") }
        let response = try socketOptions.client.call("POST", "/v1/models/\(PathComponent.escape(model))/infer", body: data,
                                                     contentType: "application/octet-stream", accept: json ? "application/json" : "application/octet-stream")
        if json {
            print(String(decoding: response.body, as: UTF8.self), terminator: "")
        } else {
            let values = response.body.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            let best = values.indices.max { values[$0] < values[$1] }
            print("\(model): ran \(response.headers["x-edgepilot-variant"] ?? "?") (\(response.headers["x-edgepilot-precision"] ?? "?")) in "
                + "\(response.headers["x-edgepilot-latency-ms"] ?? "?") ms; \(values.count) output value(s)" + (best.map { ", largest at \($0)" } ?? ""))
        }
        if let output {
            do {
                try response.body.write(to: URL(fileURLWithPath: output))
            } catch {
                throw CLIError("cannot write \(output): \(error.localizedDescription)")
            }
        }
    }

    /// `--repeat N --concurrency C [--rate R]`: N requests from C clients, each sending as soon as
    /// its last answer came or, with a rate, at its slots of a fixed schedule (late ones go at
    /// once); what ran, throughput, latency.
    private func load() throws {
        guard let data = FileManager.default.contents(atPath: input) else { throw CLIError("cannot read \(input)") }
        let path = "/v1/models/\(PathComponent.escape(model))/infer"
        let tally = LoadTally()
        let started = Date()
        DispatchQueue.concurrentPerform(iterations: concurrency) { index in
            let share = self.repeat / concurrency + (index < self.repeat % concurrency ? 1 : 0)
            let client = socketOptions.client  // one connection per client
            for k in 0..<share {
                if let rate {
                    let due = started.addingTimeInterval(Double(k * concurrency + index) / rate).timeIntervalSinceNow
                    if due > 0 { usleep(UInt32(min(due, 60) * 1e6)) }
                }
                let begin = DispatchTime.now().uptimeNanoseconds
                let response = try? client.call("POST", path, body: data, contentType: "application/octet-stream",
                                                              accept: "application/octet-stream")
                tally.add(response.map { $0.headers["x-edgepilot-variant"] ?? "?" }, DispatchTime.now().uptimeNanoseconds - begin,
                          inference: response?.headers["x-edgepilot-latency-ms"].flatMap(Double.init))
            }
        }
        print(tally.summary(seconds: Date().timeIntervalSince(started), model: model))
        if tally.failed > 0 { throw ExitCode(1) }
    }
}

/// Requests of a load: which variants ran, failures, round-trip latencies.
final class LoadTally: @unchecked Sendable {
    private let lock = NSLock()
    private var variants: [String: Int] = [:]
    private var latencies: [UInt64] = []
    private var inferences: [Double] = []
    private(set) var failed = 0

    /// `inference`: the daemon's own time for the inference (its X-EdgePilot-Latency-Ms), ms.
    func add(_ variant: String?, _ nanoseconds: UInt64, inference: Double?) {
        lock.withLock {
            if let variant { variants[variant, default: 0] += 1 } else { failed += 1 }
            latencies.append(nanoseconds)
            if let inference { inferences.append(inference) }
        }
    }

    func summary(seconds: Double, model: String) -> String {
        lock.withLock {
            let sorted = latencies.sorted()
            func ms(_ q: Double) -> String { String(format: "%.3f", Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]) / 1e6) }
            let inside = inferences.sorted()
            let median = inside.isEmpty ? "—" : String(format: "%.3f", inside[inside.count / 2])
            return String(format: "%@: %d request(s) in %.2f s (%.1f/s), %d failed; round trip ms p50 %@ p99 %@ (inference in the daemon p50 %@ ms); ran ",
                          model, latencies.count, seconds, Double(latencies.count) / max(1e-9, seconds), failed, ms(0.5), ms(0.99), median)
                + variants.sorted { $0.value > $1.value }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
        }
    }
}
