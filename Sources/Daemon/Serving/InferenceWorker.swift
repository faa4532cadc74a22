import Basics
import Energy
import Fleet
import Foundation
import Policy

/// One model's inference server: requests run one at a time, in arrival order, on the model's
/// own serial queue, on whichever variant is installed when the request's turn comes. A switch
/// (`install`) is queued like a request, so it lands between two inferences: no request fails
/// or waits more than one inference because of it. At most `limit` requests wait; one more is
/// refused at once (`busy`), and the API answers 503 with Retry-After.
public final class InferenceWorker: @unchecked Sendable {
    public struct Result: Sendable {
        public var output: [UInt8]
        public var shape: [Int]
        /// The candidate that ran, and how long the inference took.
        public var candidate: String
        public var precision: Precision
        public var nanoseconds: UInt64
    }

    /// What ran since the last `takeStats`: for the policy's observed rate and latency.
    public struct Stats: Sendable {
        public var requests: Int
        public var seconds: Double
        /// Median latency of the requests on the candidate active now, ms (nil: none ran).
        public var p50Ms: Double?
        public var rateHz: Double { seconds > 0 ? Double(requests) / seconds : 0 }
    }

    public let name: String
    let limit: Int
    let activity: ActivityFlag?
    let metrics: FleetMetrics?
    private let queue: DispatchQueue
    private let lock = NSLock()
    // Under `lock`:
    private var installed: LoadedVariant?
    private var waiting = 0
    private var served: [(candidate: String, nanoseconds: UInt64)] = []
    private var statsSince = DispatchTime.now().uptimeNanoseconds
    // Only on `queue`:
    private var running: LoadedVariant?
    private var runningThreads = 0
    private var runningSeries: FleetMetrics.InferenceSeries?

    public init(name: String, limit: Int, activity: ActivityFlag?, metrics: FleetMetrics? = nil) {
        self.name = name
        self.limit = limit
        self.activity = activity
        self.metrics = metrics
        queue = DispatchQueue(label: "edgepilot.infer.\(name)", qos: .userInitiated)
    }

    /// The variant requests run on from now (after the ones already waiting).
    public func install(_ variant: LoadedVariant) {
        lock.withLock { installed = variant }
        let series = metrics?.series(model: name, variant: variant.candidate.id)
        queue.async { [self] in
            running = variant
            runningSeries = series
        }
    }

    public var active: LoadedVariant? { lock.withLock { installed } }
    public var waitingRequests: Int { lock.withLock { waiting } }

    /// Runs the request at once on this thread when no other request is waiting; nil when
    /// others are in line (then `infer` queues it behind them).
    public func inferIfIdle(_ input: [UInt8]) -> Swift.Result<Result, DaemonError>? {
        let alone = lock.withLock {
            guard waiting == 0 else { return false }
            waiting = 1
            return true
        }
        // A serial queue with nothing on it runs `sync` work in place: no thread wake-ups.
        return alone ? queue.sync { runOne(input) } : nil
    }

    public func infer(_ input: [UInt8]) async throws(DaemonError) -> Result {
        if let now = inferIfIdle(input) { return try now.get() }
        let admitted = lock.withLock {
            guard waiting < limit else { return false }
            waiting += 1
            return true
        }
        guard admitted else {
            metrics?.inference(model: name, variant: active?.candidate.id ?? "none", outcome: "busy", seconds: nil)
            throw DaemonError(.busy, "model '\(name)': \(limit) request(s) already waiting")
        }
        // Behind others: wait in line without holding this thread.
        let outcome: Swift.Result<Result, DaemonError> = await withCheckedContinuation { continuation in
            queue.async { [self] in
                continuation.resume(returning: runOne(input))
            }
        }
        return try outcome.get()
    }

    private func runOne(_ input: [UInt8]) -> Swift.Result<Result, DaemonError> {
        defer { lock.withLock { waiting -= 1 } }
        guard let variant = running else {
            metrics?.inference(model: name, variant: "none", outcome: "failed", seconds: nil)
            return .failure(DaemonError(.model, "model '\(name)' has no variant ready yet (still measuring)"))
        }
        guard input.count == variant.inputBytes else {
            metrics?.inference(model: name, variant: variant.candidate.id, outcome: "bad_request", seconds: nil)
            return .failure(DaemonError(.request, "model '\(name)': the input is \(input.count) bytes; \(variant.candidate.id) takes "
                + "\(variant.inputBytes) (\(variant.inputBytes / 4) little-endian float32 values)"))
        }
        if runningThreads != variant.candidate.threads {
            variant.applyThreads()
            runningThreads = variant.candidate.threads
        }
        activity?.set(true)
        let start = DispatchTime.now().uptimeNanoseconds
        let output = variant.run(input)
        let nanoseconds = DispatchTime.now().uptimeNanoseconds - start
        activity?.set(false)
        runningSeries?.record(seconds: Double(nanoseconds) / 1e9)
        lock.withLock { served.append((variant.candidate.id, nanoseconds)) }
        return .success(Result(output: output, shape: variant.outputShape, candidate: variant.candidate.id, precision: variant.candidate.precision,
                               nanoseconds: nanoseconds))
    }

    /// Requests served since the last call, and the median latency of those that ran on the
    /// active candidate.
    public func takeStats() -> Stats {
        lock.withLock {
            let now = DispatchTime.now().uptimeNanoseconds
            let active = installed?.candidate.id
            let latencies = served.filter { $0.candidate == active }.map(\.nanoseconds).sorted()
            let stats = Stats(requests: served.count, seconds: Double(now - statsSince) / 1e9,
                              p50Ms: latencies.isEmpty ? nil : Double(latencies[latencies.count / 2]) / 1e6)
            served.removeAll(keepingCapacity: true)
            statsSince = now
            return stats
        }
    }
}
