import Basics
import Testing
@testable import Policy

/// The policy as a table of budgets × measurements → choice and reason (STYLE §6).
@Suite struct PolicyTests {
    /// The first choice is the most accurate candidate that fits, and among equals the one that
    /// draws least: fp16 (95 %, 5.46 W) over fp32 (95 %, 5.54 W) and fp32 ×2 (95 %, 6.05 W).
    @Test(arguments: [
        (budget: 9.0, rate: 40.0, expected: "fp16 ×1"),
        (budget: 5.50, rate: 40.0, expected: "fp16 ×1"),
        (budget: 5.45, rate: 40.0, expected: "int8 ×1"),  // fp16's upper bound (5.46 W) breaks it
        (budget: 9.0, rate: 0.0, expected: "fp16 ×1"),
    ])
    func firstChoiceIsTheMostAccurateThenTheLeastPower(budget: Double, rate: Double, expected: String) throws {
        let (decision, state) = try Table.decide(budget: budget, rate: rate)
        #expect(decision.chosen.id == expected, "\(decision.reason)")
        #expect(decision.action == .start && decision.code == .initial && decision.feasible)
        #expect(state.active == expected && state.activeSince == 0)
        #expect(decision.reason.contains("first choice"))
    }

    /// The prediction uses the upper end of the energy uncertainty: a candidate whose central
    /// power fits but whose upper bound does not is never chosen.
    @Test func theUpperBoundOfTheUncertaintyMustFit() throws {
        let uncertain = Table.candidate("fp32", .fp32, p50: 10, p99: 12, joules: 0.050, uncertainty: 20, top1: 95)
        // Central 3.5 + 40 × 0.05 = 5.5 W; upper 3.5 + 40 × 0.06 = 5.9 W.
        let (decision, _) = try Table.decide([uncertain, Table.int8], budget: 5.7, rate: 40)
        #expect(decision.chosen.id == "int8 ×1")
        #expect(abs(decision.predictedWatts - (3.5 + 40 * 0.025 * 1.02)) < 1e-9)
        let (wider, _) = try Table.decide([uncertain, Table.int8], budget: 5.95, rate: 40)
        #expect(wider.chosen.id == "fp32 ×1")
    }

    /// A violated constraint moves at once, whatever the dwell time, to the best candidate that
    /// fits, with the limit named: over budget to int8; over the SLO or unable to keep up to
    /// fp32 on two threads (as accurate, faster).
    @Test(arguments: [
        (budget: 5.0, rate: 40.0, slo: nil as Double?, code: Decision.Code.budgetViolated, words: "budget", to: "int8 ×1"),
        (budget: 9.0, rate: 40.0, slo: 10.0, code: .sloViolated, words: "SLO", to: "fp32 ×2"),
        (budget: 30.0, rate: 150.0, slo: nil, code: .cannotKeepUp, words: "cannot keep up", to: "fp32 ×2"),
    ])
    func aViolatedConstraintSwitchesAtOnce(budget: Double, rate: Double, slo: Double?, code: Decision.Code, words: String, to: String) throws {
        let (decision, state) = try Table.decide(budget: budget, rate: rate, slo: slo, time: 1, state: Table.running(Table.fp16, since: 0))
        #expect(decision.action == .switchDown && decision.code == code, "\(decision.reason)")
        #expect(decision.chosen.id == to && decision.feasible)
        #expect(decision.reason.contains(words) && decision.reason.contains("fp16 ×1"), "\(decision.reason)")
        #expect(state.active == to && state.activeSince == 1)
    }

    /// When nothing fits, the least-violating candidate runs and the decision says so.
    @Test func nothingFitsRunsTheLeastViolatingAndSaysSo() throws {
        let (decision, _) = try Table.decide(budget: 3.0, rate: 40)
        #expect(decision.code == .nothingFits && !decision.feasible && decision.chosen.id == "int8 ×1")
        #expect(decision.reason.contains("no candidate meets every constraint"))
        // Kept, not re-chosen, on the next step.
        let (next, _) = try Table.decide(budget: 3.0, rate: 40, time: 1, state: Table.running(Table.int8))
        #expect(next.action == .keep && next.code == .nothingFits)
    }

    /// Moving up waits for the dwell time, then needs headroom under every limit.
    @Test func switchingUpWaitsForTheDwellTimeAndNeedsHeadroom() throws {
        let settings = PolicySettings(dwellSeconds: 15, headroomPercent: 5)
        let running = Table.running(Table.int8, since: 100)
        let (early, _) = try Table.decide(budget: 9, rate: 40, time: 110, state: running, settings: settings)
        #expect(early.action == .keep && early.code == .dwell && early.chosen.id == "int8 ×1", "\(early.reason)")
        #expect(early.reason.contains("10.0 s of the 15 s dwell"))
        // fp16 needs 5.46 W: with 5 % headroom the budget must be ≥ 5.75 W.
        let (tight, _) = try Table.decide(budget: 5.6, rate: 40, time: 120, state: running, settings: settings)
        #expect(tight.action == .keep && tight.code == .noHeadroom, "\(tight.reason)")
        let (up, state) = try Table.decide(budget: 5.8, rate: 40, time: 120, state: running, settings: settings)
        #expect(up.action == .switchUp && up.code == .higherAccuracy && up.chosen.id == "fp16 ×1", "\(up.reason)")
        #expect(state.activeSince == 120)
    }

    /// Back to a cheaper candidate of equal accuracy once a burst has passed waits only the short
    /// saving dwell; a move to higher accuracy waits the full one.
    @Test func aMoveThatSavesEnergyWaitsLessThanAMoveUp() throws {
        let settings = PolicySettings(dwellSeconds: 15, savingDwellSeconds: 5)
        // fp32 ×2 was needed for a burst (150 req/s); at 40 req/s fp16 ×1 is as accurate and cheaper.
        let (early, _) = try Table.decide([Table.fp16, Table.fp32x2], budget: 9, rate: 40, time: 104, state: Table.running(Table.fp32x2, since: 100),
                                          settings: settings)
        #expect(early.action == .keep && early.code == .dwell && early.reason.contains("of the 5 s dwell"), "\(early.reason)")
        let (back, _) = try Table.decide([Table.fp16, Table.fp32x2], budget: 9, rate: 40, time: 105, state: Table.running(Table.fp32x2, since: 100),
                                         settings: settings)
        #expect(back.action == .switchUp && back.code == .lessEnergy && back.chosen.id == "fp16 ×1", "\(back.reason)")
        let (up, _) = try Table.decide(budget: 9, rate: 40, time: 105, state: Table.running(Table.int8, since: 100), settings: settings)
        #expect(up.action == .keep && up.code == .dwell && up.reason.contains("of the 15 s dwell"), "\(up.reason)")
    }

    /// The first observed rate corrects a choice made blind, without waiting for the dwell time.
    @Test func aChoiceMadeBeforeAnyRateIsCorrectedAtTheFirstObservation() throws {
        let (blind, state) = try Table.decide([Table.fp32, Table.int8], budget: 4.6, rate: nil, time: 0)
        #expect(blind.chosen.id == "fp32 ×1" && state.chosenBlind)
        let (seen, next) = try Table.decide([Table.fp32, Table.int8], budget: 4.6, rate: 40, time: 1, state: state)
        #expect(seen.chosen.id == "int8 ×1" && seen.code == .budgetViolated && !next.chosenBlind)
    }

    /// A budget oscillating around a candidate's need does not flap the choice: down once, then
    /// held (the way up needs headroom the oscillation never gives).
    @Test func anOscillatingBudgetDoesNotFlap() throws {
        var state = PolicyState()
        var switches = 0, last: String?
        for step in 0..<600 {
            let budget = step % 2 == 0 ? 5.40 : 5.55  // fp16 needs 5.46 W (upper)
            let (decision, next) = try Table.decide(budget: budget, rate: 40, time: Double(step), state: state)
            if let last, last != decision.chosen.id { switches += 1 }
            last = decision.chosen.id
            state = next
        }
        #expect(switches <= 1, "\(switches) switches")
    }

    /// Equal accuracy and a small saving: not worth a switch; a real saving is.
    @Test func aSmallSavingIsNotWorthASwitch() throws {
        let (small, _) = try Table.decide([Table.fp32, Table.fp16], budget: 9, rate: 40, time: 100, state: Table.running(Table.fp32))
        #expect(small.action == .keep && small.code == .smallSaving, "\(small.reason)")  // 5.46 vs 5.54 W: 1.5 %
        let cheap = Table.candidate("fp16", .fp16, p50: 8, p99: 10, joules: 0.030, top1: 95)
        let (big, _) = try Table.decide([Table.fp32, cheap], budget: 9, rate: 40, time: 100, state: Table.running(Table.fp32))
        #expect(big.action == .switchUp && big.code == .lessEnergy && big.chosen.id == "fp16 ×1", "\(big.reason)")
    }

    /// Equal accuracy and equal power: fewer threads, then the id, so ties break the same way.
    @Test func tiesBreakTheSameWayEveryTime() throws {
        let one = Table.candidate("b", .fp32, p50: 10, p99: 12, joules: 0.05, top1: 95)
        let two = Table.candidate("a", .fp32, threads: 2, p50: 10, p99: 12, joules: 0.05, top1: 95)
        let three = Table.candidate("a", .fp32, p50: 10, p99: 12, joules: 0.05, top1: 95)
        for order in [[one, two, three], [three, two, one], [two, one, three]] {
            #expect(try Table.decide(order, budget: 9, rate: 10).decision.chosen.id == "a ×1")
        }
    }

    /// Modes that need a reboot are never chosen; other modes only when switching is allowed.
    @Test func powerModesThatNeedARebootOrAreNotAllowedAreNeverChosen() throws {
        let low = Table.candidate("int8", .int8, mode: "7W", p50: 8, p99: 9, idle: 2.5, joules: 0.02, top1: 93)
        let mid = Table.candidate("int8", .int8, mode: "15W", p50: 5, p99: 6, idle: 3.5, joules: 0.025, top1: 93)
        let high = Table.candidate("fp32", .fp32, mode: "25W", p50: 8, p99: 10, idle: 3.8, joules: 0.05, top1: 95)
        let modes = [PowerModeSpec(name: "7W", nominalWatts: 7, needsReboot: true), PowerModeSpec(name: "15W", nominalWatts: 15),
                     PowerModeSpec(name: "25W", nominalWatts: 25)]
        // A 4 W budget at 10 req/s: only 7W fits (2.7 W), but it needs a reboot → least-violating of the rest.
        let (reboot, _) = try Table.decide([low, mid, high], budget: 3.6, rate: 10, constraints: {
            $0.powerModes = modes; $0.allowPowerModeSwitching = true; $0.currentPowerMode = "15W"
        })
        #expect(reboot.chosen.id == "int8 ×1 @15W" && reboot.code == .nothingFits, "\(reboot.reason)")
        let (stay, _) = try Table.decide([low, mid, high], budget: 9, rate: 10, constraints: {
            $0.powerModes = modes; $0.allowPowerModeSwitching = false; $0.currentPowerMode = "15W"
        })
        #expect(stay.chosen.id == "int8 ×1 @15W", "switching not allowed: \(stay.reason)")
        let (move, _) = try Table.decide([low, mid, high], budget: 9, rate: 10, constraints: {
            $0.powerModes = modes; $0.allowPowerModeSwitching = true; $0.currentPowerMode = "15W"
        })
        #expect(move.chosen.id == "fp32 ×1 @25W", "\(move.reason)")
        // The board already in the reboot mode may stay in it.
        let (already, _) = try Table.decide([low, mid], budget: 3.0, rate: 10, constraints: {
            $0.powerModes = modes; $0.currentPowerMode = "7W"
        })
        #expect(already.chosen.id == "int8 ×1 @7W")
    }

    /// The accuracy floor is the best FP32 accuracy minus the allowed drop; memory has a limit.
    @Test func theAccuracyFloorAndTheMemoryLimitExcludeCandidates() throws {
        let (floor, _) = try Table.decide(budget: 5.0, rate: 40, constraints: { $0.maxAccuracyDropPoints = 1 })
        // int8 (93 %) is 2 points below FP32: excluded, so nothing fits and the least-violating allowed one runs.
        #expect(floor.chosen.id == "fp16 ×1" && floor.code == .nothingFits, "\(floor.reason)")
        let big = Table.candidate("fp16", .fp16, p50: 10, p99: 12, joules: 0.048, top1: 95, memory: 900)
        let (memory, _) = try Table.decide([Table.fp32, big], budget: 9, rate: 40, constraints: { $0.memoryLimitBytes = 500 })
        #expect(memory.chosen.id == "fp32 ×1")
        #expect(throws: PolicyError.self) { try Table.decide([big], budget: 9, rate: 40, constraints: { $0.memoryLimitBytes = 500 }) }
    }

    /// A candidate that stops being allowed (the operator turned mode switching off) is left at once.
    @Test func aCandidateNoLongerAllowedIsLeftAtOnce() throws {
        let other = Table.candidate("fp32", .fp32, mode: "25W", p50: 8, p99: 10, joules: 0.05, top1: 95)
        let here = Table.candidate("int8", .int8, mode: "15W", p50: 5, p99: 6, joules: 0.025, top1: 93)
        let (decision, _) = try Table.decide([other, here], budget: 9, rate: 10, time: 5, state: Table.running(other), constraints: {
            $0.currentPowerMode = "15W"; $0.allowPowerModeSwitching = false
        })
        #expect(decision.action == .switchDown && decision.code == .notAllowed && decision.chosen.id == "int8 ×1 @15W", "\(decision.reason)")
    }

    /// Near the passive trip point the policy does not move to more power; at it, it takes the
    /// least-power candidate that fits.
    @Test func thermalStateHoldsOrMovesDown() throws {
        let near = try Table.decide(budget: 9, rate: 40, time: 100, state: Table.running(Table.int8), observe: {
            $0.temperatureC = 93; $0.passiveTripC = 95
        }).decision
        #expect(near.action == .keep && near.code == .thermalHold, "\(near.reason)")
        let trip = try Table.decide(budget: 9, rate: 40, time: 100, state: Table.running(Table.fp16), observe: {
            $0.temperatureC = 96; $0.passiveTripC = 95
        }).decision
        #expect(trip.action == .switchDown && trip.code == .thermalTrip && trip.chosen.id == "int8 ×1", "\(trip.reason)")
    }

    /// Observed slowdown scales every latency; a lasting drift asks once for a re-measurement.
    @Test func slowdownScalesLatencyAndALastingDriftAsksToRemeasure() throws {
        // fp16's p99 12 ms × 1.5 = 18 ms breaks a 15 ms SLO: moved at once to fp32 ×2 (8 ms × 1.5 = 12 ms).
        let (slow, _) = try Table.decide(budget: 9, rate: 40, slo: 15, time: 1, state: Table.running(Table.fp16), slowdown: 1.5)
        #expect(slow.code == .sloViolated && slow.chosen.id == "fp32 ×2" && slow.predictedP99Ms == 12, "\(slow.reason)")
        var state = Table.running(Table.int8)
        var asks: [Double] = []
        for t in stride(from: 0.0, through: 30, by: 1) {
            let (decision, next) = try Table.decide(budget: 9, rate: 40, slo: 15, time: t, state: state, slowdown: 1.3)
            if decision.remeasure != nil { asks.append(t) }
            state = next
        }
        #expect(asks == [10], "asked at \(asks)")
        let (back, cleared) = try Table.decide(budget: 9, rate: 40, time: 31, state: state, slowdown: 1.02)
        #expect(back.remeasure == nil && cleared.driftSince == nil && !cleared.remeasureAsked)
    }

    @Test(arguments: [
        (budget: 0.0, rate: 1.0 as Double?, slowdown: nil as Double?, words: "power budget"),
        (budget: Double.nan, rate: 1.0, slowdown: nil, words: "power budget"),
        (budget: 5.0, rate: -1.0, slowdown: nil, words: "observed rate"),
        (budget: 5.0, rate: 1.0, slowdown: 0.0, words: "slowdown"),
    ])
    func badInputsAreRefusedWithTheValueNamed(budget: Double, rate: Double?, slowdown: Double?, words: String) {
        #expect { try Table.decide(budget: budget, rate: rate, slowdown: slowdown) } throws: { ($0 as? PolicyError)?.message.contains(words) == true }
    }

    @Test func noCandidatesIsAnError() {
        #expect { try Table.decide([], budget: 5, rate: 1) } throws: { ($0 as? PolicyError)?.code == .noCandidates }
    }
}

/// A new version serves only if its best candidate is not worse than the serving one's beyond
/// the margins.
@Suite struct PromotionTests {
    static func variant(_ name: String, p99: Double = 12, joules: Double = 0.05, top1: Double = 95) -> Candidate {
        Table.candidate(name, .fp32, p50: p99 * 0.8, p99: p99, joules: joules, top1: top1)
    }

    @Test(arguments: [
        (variant("v2"), true, "within the margins"),
        (variant("v2", top1: 94.6), true, "within the margins"),
        (variant("v2", top1: 94.0), false, "accuracy 94.00 % vs 95.00 %"),
        (variant("v2", p99: 15), false, "p99 15.00 ms vs 12.00 ms"),
        (variant("v2", joules: 0.07), false, "70.000 mJ/inference vs 50.000"),
    ])
    func aNewVersionIsJudgedByItsBestCandidate(new: Candidate, promote: Bool, words: String) throws {
        let verdict = try Promotion.judge(serving: [Self.variant("v1")], new: [new], constraints: Constraints(budgetWatts: 20), rateHz: 10,
                                          margins: .init(accuracyDropPoints: 0.5, p99IncreasePercent: 20, energyIncreasePercent: 20))
        #expect(verdict.promote == promote && verdict.reason.contains(words), "\(verdict.reason)")
        #expect(verdict.reason.contains("new best v2 ×1 against serving best v1 ×1"))
    }
}
