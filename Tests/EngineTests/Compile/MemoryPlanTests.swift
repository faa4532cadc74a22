@testable import Engine
import Testing

@Suite struct MemoryPlanTests {
    /// A chain a → b → c: a's bytes are reused once a is dead; overlapping lives never share.
    @Test func reusesDeadValuesAndNeverOverlapsLiveOnes() {
        let plan = MemoryPlan([
            .init(name: "a", bytes: 1000, first: 0, last: 1),
            .init(name: "b", bytes: 1000, first: 1, last: 2),
            .init(name: "c", bytes: 1000, first: 2, last: 3),
        ])
        #expect(plan.offsets["a"] != plan.offsets["b"])
        #expect(plan.offsets["b"] != plan.offsets["c"])
        #expect(plan.offsets["c"] == plan.offsets["a"])
        #expect(plan.arenaBytes == 2 * 1024)
        #expect(plan.naiveBytes == 3 * 1024)
    }

    @Test(arguments: [1, 2, 3, 5, 8])
    func randomIntervalsNeverOverlapInTimeAndSpace(seed: UInt64) {
        var generator = TinyGraphs.Generator(state: seed)
        let intervals = (0..<60).map { i -> MemoryPlan.Interval in
            let first = Int(abs(generator.next()) * 40)
            return .init(name: "v\(i)", bytes: 64 + Int(abs(generator.next()) * 5000), first: first, last: first + Int(abs(generator.next()) * 10))
        }
        let plan = MemoryPlan(intervals)
        for a in intervals {
            for b in intervals where a.name < b.name && a.first <= b.last && b.first <= a.last {
                let (oa, ob) = (plan.offsets[a.name]!, plan.offsets[b.name]!)
                #expect(oa + a.bytes <= ob || ob + b.bytes <= oa, "\(a.name) and \(b.name) overlap")
            }
        }
        #expect(plan.arenaBytes <= plan.naiveBytes)
    }
}
