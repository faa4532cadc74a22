import Foundation
import Synchronization

/// Writes an INA3221 hwmon channel's files (`in<N>_input` mV, `curr<N>_input` mA) in a board
/// tree so they follow a power trace: everything downstream — Probe, the source, the sampler —
/// runs its real file-reading path. Each update writes a temporary file and renames it over
/// the old one, so a reader sees the old or the new value, never half of one. Output built on
/// it is labelled "simulated".
public final class SimulatedRail: Sendable {
    public let directory: String
    public let channel: Int
    public let millivolts: Int
    public let trace: PowerTrace
    let periodNs: UInt64
    private let running = Atomic<Int>(0)  // 0 stopped, 1 running, 2 stop requested
    /// The current last written (only changes are written: a steady trace costs no I/O).
    private let written = Atomic<Int>(Int.min)
    /// When each value became visible (after its rename), for `shownJoules`; the last 100,000.
    private let shown = Mutex<[(time: UInt64, milliamps: Int)]>([])

    public init(directory: String, channel: Int, millivolts: Int = 5000, trace: PowerTrace, updateMs: Double = 1) throws(EnergyError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EnergyError(.write, "simulated rail: \(directory) is not a directory")
        }
        guard millivolts > 0, updateMs > 0 else { throw EnergyError(.write, "simulated rail: voltage and update period must be positive") }
        self.directory = directory
        self.channel = channel
        self.millivolts = millivolts
        self.trace = trace
        periodNs = UInt64(updateMs * 1e6)
    }

    /// Writes the current value once, then keeps writing on its own thread until `stop`.
    public func start() throws(EnergyError) {
        try write(at: MonotonicClock.now())
        guard running.compareExchange(expected: 0, desired: 1, ordering: .sequentiallyConsistent).exchanged else { return }
        let thread = Thread { [self] in
            var next = MonotonicClock.now() + periodNs
            while running.load(ordering: .relaxed) == 1 {
                MonotonicClock.sleep(until: next)
                try? write(at: MonotonicClock.now())
                next = max(next + periodNs, MonotonicClock.now())
            }
            running.store(0, ordering: .sequentiallyConsistent)
        }
        thread.name = "edgepilot-simulated-rail"
        thread.start()
    }

    public func stop() {
        guard running.compareExchange(expected: 1, desired: 2, ordering: .sequentiallyConsistent).exchanged else { return }
        while running.load(ordering: .sequentiallyConsistent) != 0 { usleep(200) }
    }

    /// The current the trace asks for at time `t`, in whole mA (the driver's unit).
    public func milliamps(at t: UInt64) -> Int { Int((trace.watts(t) * 1e6 / Double(millivolts)).rounded()) }

    func write(at t: UInt64) throws(EnergyError) {
        let current = milliamps(at: t)
        if written.load(ordering: .relaxed) == Int.min { try replace("in\(channel)_input", with: millivolts) }
        guard written.exchange(current, ordering: .relaxed) != current else { return }
        try replace("curr\(channel)_input", with: current)
        let visible = MonotonicClock.now()
        shown.withLock {
            if $0.count >= 100_000 { $0.removeFirst(50_000) }
            $0.append((visible, current))
        }
    }

    /// The energy the rail's files showed over [from, to] (monotonic ns), in J: what a perfect
    /// reader would have measured. It differs from the trace's own integral by how late this
    /// thread wrote each change (a loaded machine delays it by milliseconds).
    public func shownJoules(from: UInt64, to: UInt64) -> Double {
        let steps = shown.withLock { $0 }
        var total = 0.0
        for (i, step) in steps.enumerated() {
            let start = max(step.time, from), end = min(i + 1 < steps.count ? steps[i + 1].time : to, to)
            if end > start { total += Double(step.milliamps * millivolts) / 1e6 * Double(end - start) / 1e9 }
        }
        return total
    }

    private func replace(_ name: String, with value: Int) throws(EnergyError) {
        let target = (directory as NSString).appendingPathComponent(name)
        let temporary = target + ".sim-tmp"
        let text = "\(value)\n"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw EnergyError(.write, "simulated rail: \(temporary): \(RailFile.describe(errno))") }
        let written = text.utf8CString.withUnsafeBufferPointer { Foundation.write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
        guard written == text.utf8.count, rename(temporary, target) == 0 else {
            throw EnergyError(.write, "simulated rail: \(target): \(RailFile.describe(errno))")
        }
    }
}
