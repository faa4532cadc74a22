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

    /// Aliased values sit inside their root, which lives from its first member's write to the
    /// last read of any of them; nothing else overlaps it meanwhile.
    @Test func aliasesLiveInsideTheirRoot() {
        let plan = MemoryPlan([
            .init(name: "a", bytes: 400, first: 0, last: 5),
            .init(name: "b", bytes: 600, first: 2, last: 3),
            .init(name: "c", bytes: 1000, first: 4, last: 6),
            .init(name: "other", bytes: 1000, first: 1, last: 2),
        ], aliases: ["a": .init(root: "c", offset: 0), "b": .init(root: "c", offset: 400)])
        let c = plan.offsets["c"]!
        #expect(plan.offsets["a"] == c && plan.offsets["b"] == c + 400)
        let other = plan.offsets["other"]!
        #expect(other + 1000 <= c || c + 1000 <= other, "'other' (steps 1–2) overlaps c, alive from step 0 through a")
    }
}
