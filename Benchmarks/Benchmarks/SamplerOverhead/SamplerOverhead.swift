import Benchmark
import Energy
import Foundation
import Synchronization

/// The power sampler's own cost at 100 Hz, as CPU time of its thread per second of wall time
/// (custom metric `sampler CPU ppm`: millionths of one core; 5000 = the 0.5% target),
/// for the three read paths a board can take:
/// - `no I/O`: a source that returns a constant — the thread's wake-up and bookkeeping alone;
/// - `INA3221 reopen`: the Orin Nano fixture's VDD_IN files opened, read and closed each tick
///   (the path of fixture and simulated trees);
/// - `sysfs pread`: a real /sys integer file kept open and re-read with pread (the path of a
///   board's rails; this machine has no rails, so a kernel attribute stands in).
let benchmarks: @Sendable () -> Void = {
    let seconds = 3.0
    Benchmark.defaultConfiguration = .init(metrics: [.custom("sampler CPU ppm")], maxDuration: .seconds(60), maxIterations: 3)

    func overhead(_ benchmark: Benchmark, _ source: any PowerSource) throws {
        for _ in benchmark.scaledIterations {
            let sampler = try Sampler(source: source, rateHz: 100)
            let start = Date()
            sampler.start()
            Thread.sleep(forTimeInterval: seconds)
            sampler.stop()
            let wall = Date().timeIntervalSince(start)
            benchmark.measurement(.custom("sampler CPU ppm"), Int(sampler.threadCPUSeconds / wall * 1_000_000))
        }
    }

    // The floor: a bare thread that only sleeps to absolute 10 ms ticks (what the kernel and
    // hypervisor charge for 100 wake-ups a second, before the sampler does anything).
    Benchmark("floor: bare thread, clock_nanosleep at 100 Hz") { benchmark in
        for _ in benchmark.scaledIterations {
            let result = Mutex<Int>(0)
            let thread = Thread {
                var next = timespec(), wall0 = timespec(), wall1 = timespec(), cpu = timespec()
                clock_gettime(CLOCK_MONOTONIC, &next)
                wall0 = next
                for _ in 0..<Int(seconds * 100) {
                    next.tv_nsec += 10_000_000
                    if next.tv_nsec >= 1_000_000_000 { next.tv_nsec -= 1_000_000_000; next.tv_sec += 1 }
                    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, nil)
                }
                clock_gettime(CLOCK_MONOTONIC, &wall1)
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu)
                let wall = Double(wall1.tv_sec - wall0.tv_sec) + Double(wall1.tv_nsec - wall0.tv_nsec) / 1e9
                result.withLock { $0 = Int((Double(cpu.tv_sec) + Double(cpu.tv_nsec) / 1e9) / wall * 1_000_000) }
            }
            thread.start()
            Thread.sleep(forTimeInterval: seconds + 0.5)
            benchmark.measurement(.custom("sampler CPU ppm"), result.withLock { $0 })
        }
    }

    Benchmark("sampler 100 Hz, no I/O") { benchmark in try overhead(benchmark, ConstantSource()) }

    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/sys/jetson-orin-nano").path
    Benchmark("sampler 100 Hz, INA3221 reopen (Orin Nano fixture)") { benchmark in
        try overhead(benchmark, INA3221HwmonSource(name: "VDD_IN", directory: root + "/sys/class/hwmon/hwmon1", channel: 1, updateIntervalMs: nil))
    }

    let attribute = "/sys/kernel/mm/transparent_hugepage/khugepaged/pages_to_scan"
    if FileManager.default.isReadableFile(atPath: attribute) {
        Benchmark("sampler 100 Hz, sysfs pread (kept open)") { benchmark in try overhead(benchmark, SysfsIntegerSource(path: attribute)) }
    }
}

struct ConstantSource: PowerSource {
    var description: String { "constant 5 W" }
    var kind: SourceKind { .simulated }
    var updateIntervalMs: Int? { nil }
    var resolutionMilliwatts: Double { 0 }
    func read() throws(EnergyError) -> Reading { .milliwatts(5000) }
}

/// Two kept-open reads per tick, like an INA3221 channel (voltage and current) on /sys.
struct SysfsIntegerSource: PowerSource {
    let first: RailFile, second: RailFile
    init(path: String) {
        first = RailFile(path)
        second = RailFile(path)
    }
    var description: String { first.path }
    var kind: SourceKind { .rail }
    var updateIntervalMs: Int? { nil }
    var resolutionMilliwatts: Double { 0 }
    func read() throws(EnergyError) -> Reading { .milliwatts(Double(try first.integer()) * Double(try second.integer()) / 1e6) }
}
