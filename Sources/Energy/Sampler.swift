import Foundation
import Synchronization

/// Reads one source at a fixed rate on its own thread (not a cooperative task: a blocked sysfs
/// read must not stall the engine's tasks), keeps the last samples in a bounded ring, and
/// integrates any window of them. A failed read is kept as a failed sample, which flags the
/// windows it falls in; it never stops the sampler.
public final class Sampler: Sendable {
    public let source: any PowerSource
    public let rateHz: Double
    let periodNs: UInt64
    private let state: Mutex<State>

    struct State {
        var ring: SampleRing
        var running = false
        var stopRequested = false
        var reads = 0
        var threadCPUNs: UInt64 = 0
    }

    /// Refuses a rate faster than the sensor's `update_interval` (it would only repeat values).
    public init(source: any PowerSource, rateHz: Double = 100, capacity: Int = 1 << 16) throws(EnergyError) {
        guard rateHz.isFinite, rateHz > 0, rateHz <= 10_000 else {
            throw EnergyError(.rate, "sampling rate \(rateHz) Hz: give a rate in (0, 10000] Hz")
        }
        if let interval = source.updateIntervalMs, interval > 0, 1000 / rateHz < Double(interval) {
            throw EnergyError(.rate, "sampling \(source.description) at \(rateHz) Hz is faster than its update_interval of \(interval) ms "
                + "(at most \(1000 / interval) Hz): faster reads only repeat values")
        }
        self.source = source
        self.rateHz = rateHz
        periodNs = UInt64(1e9 / rateHz)
        state = Mutex(State(ring: SampleRing(capacity: capacity)))
    }

    /// Starts the sampling thread (once); the first sample is taken before this returns.
    public func start() {
        let started = state.withLock { s -> Bool in
            if s.running { return false }
            s.running = true
            s.stopRequested = false
            return true
        }
        guard started else { return }
        sampleOnce()
        let thread = Thread { [self] in loop() }
        thread.name = "edgepilot-sampler"
        thread.start()
    }

    /// Stops after the current tick; samples taken so far stay queryable.
    public func stop() {
        state.withLock { $0.stopRequested = true }
        while state.withLock({ $0.running }) { usleep(200) }
    }

    public var sampleCount: Int { state.withLock { $0.reads } }
    /// CPU time the sampling thread has used so far (its overhead), in seconds.
    public var threadCPUSeconds: Double { Double(state.withLock { $0.threadCPUNs }) / 1e9 }
    public var latest: Sample? { state.withLock { $0.ring.last } }

    /// Energy over [from, to] (monotonic ns). Waits up to three periods for the sample after
    /// `to`, so the right edge is interpolated rather than held.
    public func window(from: UInt64, to: UInt64) -> EnergyWindow {
        let deadline = MonotonicClock.now() + 3 * periodNs
        while (latest?.time ?? 0) < to, state.withLock({ $0.running }), MonotonicClock.now() < deadline { usleep(1000) }
        let samples = state.withLock { $0.ring.around(from: from, to: to) }
        return Integration.window(samples, from: from, to: to, source: source)
    }

    private func loop() {
        var next = MonotonicClock.now() + periodNs
        while !state.withLock({ $0.stopRequested }) {
            MonotonicClock.sleep(until: next)
            sampleOnce(onSamplerThread: true)
            next += periodNs
            let now = MonotonicClock.now()
            if next < now { next = now + periodNs }  // fell behind (suspended): skip, do not burst
        }
        state.withLock { $0.running = false }
    }

    /// One read into the ring; on the sampling thread also its CPU time so far (one lock per tick).
    private func sampleOnce(onSamplerThread: Bool = false) {
        let sample: Sample
        do throws(EnergyError) {
            let reading = try source.read()
            sample = Sample(time: MonotonicClock.now(), reading: reading)
        } catch {
            sample = Sample(time: MonotonicClock.now(), failure: error.message)
        }
        var cpu = timespec()
        if onSamplerThread { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu) }
        state.withLock {
            $0.ring.append(sample)
            $0.reads += 1
            if onSamplerThread { $0.threadCPUNs = UInt64(cpu.tv_sec) * 1_000_000_000 + UInt64(cpu.tv_nsec) }
        }
    }
}
