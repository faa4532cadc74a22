import Basics
import Foundation
import Testing
@testable import Policy

/// The simulator's semantics on hand-computed cases, and the decision-quality bars on the
/// shipped traces and variant tables (examples/traces, examples/variants).
@Suite struct SimulatorTests {
    static let accurate = Table.candidate("fp32", .fp32, p50: 10, p99: 12, idle: 3, joules: 0.1, uncertainty: 0, top1: 95)
    static let cheap = Table.candidate("int8", .int8, p50: 5, p99: 6, idle: 3, joules: 0.05, uncertainty: 0, top1: 90)

    /// Truth by hand: 10 req/s under 4.5 W → fp32 (4.0 W) fits; then 20 req/s → fp32 needs 5 W,
    /// int8 4 W. The policy sees the jump one step late, so it runs fp32 over budget for one
    /// step; the oracle never does.
    @Test func scoresEveryChooserByTheSameTruth() throws {
        let trace = try Trace.parse("t_s,rate_hz,budget_w\n0,10,4.5\n10,20,4.5\n20,20,4.5\n", source: "t.csv")
        var settings = Simulator.Settings(budgetWindowSeconds: 0)
        settings.timeline = true
        let report = try Simulator.run(trace, candidates: [Self.accurate, Self.cheap], settings: settings)
        #expect(report.timeline?.map(\.policy) == ["fp32 ×1", "fp32 ×1", "int8 ×1"])
        #expect(report.timeline?.map(\.oracle) == ["fp32 ×1", "int8 ×1", "int8 ×1"])
        // Policy: 10 s × 4 W + 10 s × 5 W + 10 s × 4 W; oracle: 40 + 40 + 40.
        #expect(abs(report.energyJoules - 130) < 1e-9 && abs(report.oracleEnergyJoules - 120) < 1e-9)
        #expect(abs(report.budgetViolationPercent - 100.0 / 3) < 1e-9 && report.oracle.budgetViolationPercent == 0)
        #expect(abs(report.meanTop1 - (95 + 95 + 90) / 3) < 1e-9 && abs(report.oracleMeanTop1 - (95 + 90 + 90) / 3) < 1e-9)
        #expect(report.switches == 1 && report.oracle.switches == 1 && report.steps == 3 && report.durationSeconds == 30)
        #expect(report.decisions["budgetViolated"] == 1)
    }

    /// The budget is an average over the window: one second over budget inside ten at half of it
    /// is no violation; with no window it is.
    @Test func theBudgetIsAnAverageOverTheWindow() throws {
        var rows = "t_s,rate_hz,budget_w\n"
        for t in 0..<20 { rows += "\(t),\(t == 10 ? 20 : 2),4.5\n" }
        let trace = try Trace.parse(rows, source: "t.csv")
        let windowed = try Simulator.run(trace, candidates: [Self.accurate], settings: .init(budgetWindowSeconds: 10))
        let perStep = try Simulator.run(trace, candidates: [Self.accurate], settings: .init(budgetWindowSeconds: 0))
        #expect(windowed.budgetViolationPercent == 0 && windowed.budgetViolationPercentPerStep == 5)
        #expect(perStep.budgetViolationPercent == 5)
    }

    /// SLO misses count steps whose p99 × slowdown is over the SLO or that cannot keep up.
    @Test func sloMissesCountSlowAndOverloadedSteps() throws {
        let trace = try Trace.parse("t_s,rate_hz,budget_w,slowdown,slo_p99_ms\n0,10,50,1,20\n1,10,50,2,20\n2,150,50,1,20\n3,10,50,1,20\n", source: "t.csv")
        let report = try Simulator.run(trace, candidates: [Self.accurate], settings: .init(budgetWindowSeconds: 0))
        #expect(report.sloViolationPercent == 50)  // step 1: 24 ms > 20 ms; step 2: 150/s × 10 ms = 1.5 s of work per second
    }

    /// Baselines restrict the table: variant-only to the highest allowed mode, mode-only to FP32.
    @Test func baselinesAreTheSamePolicyOnPartOfTheTable() throws {
        let low = Table.candidate("int8", .int8, mode: "15W", p50: 5, p99: 6, idle: 3, joules: 0.05, uncertainty: 0, top1: 90)
        let high = Table.candidate("fp32", .fp32, mode: "MAXN", p50: 4, p99: 5, idle: 4, joules: 0.06, uncertainty: 0, top1: 95)
        let lowFP32 = Table.candidate("fp32", .fp32, mode: "15W", p50: 8, p99: 9, idle: 3, joules: 0.08, uncertainty: 0, top1: 95)
        let trace = try Trace.parse("t_s,rate_hz,budget_w\n0,10,3.7\n1,10,3.7\n", source: "t.csv")
        let modes = [PowerModeSpec(name: "15W", nominalWatts: 15), PowerModeSpec(name: "MAXN", nominalWatts: nil)]
        let report = try Simulator.run(trace, candidates: [low, high, lowFP32], settings: .init(powerModes: modes, budgetWindowSeconds: 0))
        #expect(report.baselines["variantOnly"]?.candidates == "variants and threads at MAXN")
        #expect(report.baselines["variantOnly"]?.budgetViolationPercent == 100)  // MAXN idles at 4 W
        #expect(report.baselines["powerModeOnly"]?.meanTop1 == 95 && report.baselines["powerModeOnly"]?.budgetViolationPercent == 100)
        // The policy's first step is chosen before any rate is seen (FP32 at 15W idles under the
        // budget); from the first observation on it runs int8, the only candidate that fits.
        #expect(report.timeline == nil && report.meanTop1 == 92.5 && report.budgetViolationPercent == 50)
    }

    @Test func modesThatNeedARebootAreListedAsNeverChosen() throws {
        let sevenW = Table.candidate("int8", .int8, mode: "7W", p50: 5, p99: 6, idle: 2, joules: 0.05, top1: 90)
        let fifteen = Table.candidate("int8", .int8, mode: "15W", p50: 5, p99: 6, idle: 3, joules: 0.05, top1: 90)
        let trace = try Trace.parse("t_s,rate_hz,budget_w\n0,10,2.9\n", source: "t.csv")
        let report = try Simulator.run(trace, candidates: [sevenW, fifteen],
                                       settings: .init(powerModes: [PowerModeSpec(name: "7W", nominalWatts: 7, needsReboot: true)]))
        #expect(report.excluded == ["int8 ×1 @7W: power mode 7W needs a reboot"])
        #expect(report.oracle.budgetViolationPercent == 100 && report.budgetViolationPercent == 100)  // the oracle obeys it too
    }

    // MARK: the shipped traces

    static let root = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(4).joined(separator: "/")
    static let cases = ["mnist-cntk", "squeezenet1.1", "ppocr-cls-v2.0"].flatMap { model in
        ["budget-steps", "load-bursts", "thermal-throttling", "budget-too-low"].map { (model, $0) }
    }

    /// On every shipped trace: the policy violates the budget no more than the oracle + 1 point of
    /// time, its mean top-1 is within 0.5 point of the oracle's, its energy within 3 % of the
    /// oracle's where both meet the budget, and no single-knob baseline that does at least as well
    /// on accuracy, budget and SLO uses less energy — beyond the saving the policy deliberately
    /// ignores (a move for less than `minimumSavingPercent` is not worth a switch).
    @Test(arguments: cases)
    func decisionQualityOnTheShippedTraces(model: String, trace name: String) throws {
        let table = try CandidateTable.parse(try Data(contentsOf: URL(fileURLWithPath: "\(Self.root)/examples/variants/orin-nano-\(model).json")),
                                             source: model)
        let trace = try Trace.parse(try String(contentsOfFile: "\(Self.root)/examples/traces/\(model)/\(name).csv", encoding: .utf8), source: name)
        let modes = [PowerModeSpec(name: "7W", nominalWatts: 7, needsReboot: true), PowerModeSpec(name: "15W", nominalWatts: 15),
                     PowerModeSpec(name: "25W", nominalWatts: 25), PowerModeSpec(name: "MAXN_SUPER", nominalWatts: nil)]
        let report = try Simulator.run(trace, candidates: table, settings: .init(powerModes: modes))
        #expect(report.budgetViolationPercent <= report.oracle.budgetViolationPercent + 1, "\(report.budgetViolationPercent) %")
        #expect(abs(report.meanTop1 - report.oracleMeanTop1) <= 0.5)
        if report.oracle.budgetViolationPercent <= 1 && report.budgetViolationPercent <= 1 {
            #expect(report.energyJoules <= report.oracleEnergyJoules * 1.03, "\(report.energyJoules) J vs \(report.oracleEnergyJoules) J")
        }
        for (name, baseline) in report.baselines
        where baseline.meanTop1 >= report.meanTop1 - 1e-9 && baseline.budgetViolationPercent <= report.budgetViolationPercent + 1e-9
            && baseline.sloViolationPercent <= report.sloViolationPercent + 1e-9 {
            let slack = 1 + report.settings.minimumSavingPercent / 100
            #expect(report.energyJoules <= baseline.energyJoules * slack, "\(name): \(baseline.energyJoules) J < \(report.energyJoules) J")
        }
        #expect(report.excluded.count == table.filter { $0.powerMode == "7W" }.count)
        #expect(Set(report.baselines.keys) == ["variantOnly", "powerModeOnly"])
    }
}
