@testable import Energy
import Testing

/// The window arithmetic on hand-made samples: exact for constant and linear power, counter
/// wraps, edges, failed reads.
@Suite struct IntegrationTests {
    struct Fixed: PowerSource {
        var kind: SourceKind = .rail
        var description: String { "fixed" }
        var updateIntervalMs: Int? { nil }
        var resolutionMilliwatts: Double { 0 }
        func read() throws(EnergyError) -> Reading { .milliwatts(0) }
    }

    let ms: UInt64 = 1_000_000

    func power(_ watts: (Double) -> Double, every step: UInt64 = 10_000_000, until end: UInt64 = 2_000_000_000) -> [Sample] {
        stride(from: UInt64(0), through: end, by: Int(step)).map { Sample(time: $0, reading: .milliwatts(1000 * watts(Double($0) / 1e9))) }
    }

    @Test func constantAndLinearPowerIntegrateExactly() {
        let flat = Integration.window(power { _ in 5 }, from: 105 * ms, to: 1_105 * ms, source: Fixed())
        #expect(abs(flat.joules - 5) < 1e-9)
        #expect(flat.flags.isEmpty)
        let ramp = Integration.window(power { 3 + 2 * $0 }, from: 0, to: 1_000 * ms, source: Fixed())
        #expect(abs(ramp.joules - 4) < 1e-9)  // ∫₀¹ 3 + 2t dt
        #expect(ramp.uncertaintyPercent < 1e-6)
    }

    @Test func aCounterWrapInsideTheWindowIsOneStep() {
        let wrap = 1_000_000.0
        // 2 W = 20,000 µJ per 10 ms, starting 100 ms before the wrap.
        let samples = (0...100).map { i in
            Sample(time: UInt64(i) * 10 * ms, reading: .microjoules((wrap - 200_000 + Double(i) * 20_000).truncatingRemainder(dividingBy: wrap + 1), wrap: wrap))
        }
        let window = Integration.window(samples, from: 0, to: 1_000 * ms, source: Fixed(kind: .rapl))
        #expect(abs(window.joules - 2) < 1e-3, "\(window)")
        #expect(window.flags.isEmpty, "\(window.flags)")
    }

    @Test func failedReadsAndUncoveredEdgesFlagTheWindow() {
        var samples = power { _ in 4 }
        samples.insert(Sample(time: 505 * ms, failure: "curr1_input: EAGAIN"), at: 51)
        let window = Integration.window(samples, from: 0, to: 3_000 * ms, source: Fixed())
        #expect(window.flags.contains { $0.contains("failed 1 time") && $0.contains("EAGAIN") })
        #expect(window.flags.contains { $0.contains("ends after the last sample") })
        #expect(Integration.window([], from: 0, to: ms, source: Fixed()).flags.contains { $0.contains("fewer than 2") })
    }
}
