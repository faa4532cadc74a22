import Energy
import Foundation
import Probe
import Testing

/// The whole chain on a real file tree: the simulated rail writes the Orin Nano's VDD_IN
/// files following a known trace, the sampler reads them at 100 Hz on its thread, and the
/// energy of 1.2 s windows is compared with what the files showed (the simulator's writes are
/// timed, since a loaded machine delays them): the median of three windows within 1% — 2% for
/// the square trace, whose five 5.5 W steps a window can each cost a trapezoid at 10 ms up to
/// 5.5 W × 10 ms / 2 (0.14 J of 7.5 J in all). (The window's stated uncertainty does not always
/// cover a step's error: issue 17's business.)
@Suite(.serialized) struct SamplerTests {
    func orinNano() throws -> (BoardTreeCopy, any PowerSource, String) {
        let tree = try Boards.copy("jetson-orin-nano")
        let info = try Boards.probe(tree.root)
        let rail = try #require(info.rails.first { $0.name == "VDD_IN" })
        return (tree, try BoardSource.make(rail, root: tree.root), tree.root + (rail.path ?? ""))
    }

    enum Shape: String, CaseIterable { case square, ramp, idle }

    @Test(arguments: Shape.allCases)
    func simulatedTraceIntegratesWithinOnePercent(shape: Shape) throws {
        let (tree, source, directory) = try orinNano()
        let origin = MonotonicClock.now()
        let trace: PowerTrace
        switch shape {
        case .square: trace = .square(low: 3.5, high: 9, period: 0.5, origin: origin)
        case .ramp: trace = .ramp(from: 3, to: 12, seconds: 1.2, origin: origin)
        case .idle: trace = .constant(3.5)
        }
        let rail = try SimulatedRail(directory: directory, channel: 1, trace: trace)
        try rail.start()
        defer { rail.stop() }
        let sampler = try Sampler(source: source, rateHz: 100)
        sampler.start()
        defer { sampler.stop() }
        let first = MonotonicClock.now() + 20_000_000, length: UInt64 = 1_200_000_000
        usleep(3_700_000)
        var errors: [Double] = []
        for k in 0..<3 {
            let from = first + UInt64(k) * length, to = from + length
            let window = sampler.window(from: from, to: to)
            // What the files showed (the simulator's writes land late on a loaded machine), and the trace itself.
            let exact = rail.shownJoules(from: from, to: to)
            errors.append(abs(window.joules - exact) / exact)
            #expect(abs(exact - trace.joules(from: from, to: to)) / exact < 0.05, "the simulated rail lagged its trace badly")
            #expect(window.flags.isEmpty, "\(window.flags)")
            #expect(window.samples >= 110 && window.source == .rail)
            #expect(window.uncertaintyPercent > 0 && window.uncertaintyPercent < 5)
        }
        let median = errors.sorted()[1]
        print("energy error vs the exact integral, \(shape) trace, three 1.2 s windows at 100 Hz: "
            + errors.map { String(format: "%.3f%%", 100 * $0) }.joined(separator: ", "))
        #expect(median <= (shape == .square ? 0.02 : 0.01), "\(shape): errors \(errors.map { 100 * $0 }) %")
        _ = tree
    }

    @Test func samplingFasterThanTheSensorUpdatesIsRefused() throws {
        let (_, source, _) = try orinNano()
        #expect(source.updateIntervalMs == 7)
        #expect { _ = try Sampler(source: source, rateHz: 200) } throws: { "\($0)".contains("update_interval of 7 ms") }
        #expect(throws: Never.self) { _ = try Sampler(source: source, rateHz: 100) }
    }

    @Test func aRailThatVanishesMidWindowFlagsItAndSamplingGoesOn() throws {
        let (tree, source, directory) = try orinNano()
        let sampler = try Sampler(source: source, rateHz: 100)
        sampler.start()
        defer { sampler.stop() }
        let from = MonotonicClock.now()
        usleep(200_000)
        let saved = try Data(contentsOf: URL(fileURLWithPath: directory + "/curr1_input"))
        try FileManager.default.removeItem(atPath: directory + "/curr1_input")
        usleep(100_000)
        try saved.write(to: URL(fileURLWithPath: directory + "/curr1_input"))
        usleep(200_000)
        let window = sampler.window(from: from, to: MonotonicClock.now())
        #expect(window.flags.contains { $0.contains("curr1_input") && $0.contains("ENOENT") }, "\(window.flags)")
        #expect(window.joules > 0)
        let later = MonotonicClock.now()
        usleep(150_000)
        #expect(sampler.window(from: later, to: MonotonicClock.now()).flags.isEmpty)
        _ = tree
    }
}
