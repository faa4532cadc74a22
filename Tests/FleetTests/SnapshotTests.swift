import Foundation
import Store
import Testing
@testable import Fleet

/// Folding: per series count/sum/min/max/last; sent as the last value for counters and the mean
/// (with its minimum and maximum) for gauges; an unreadable entry is not folded.
@Suite struct SnapshotTests {
    @Test func foldKeepsCountersExactAndSummarisesGauges() throws {
        let entries = try [(1000, 4.0, 10.0), (2000, 6.0, 12.0), (3000, 5.0, 15.0)].enumerated().map { i, v in
            OutboxEntry(id: Int64(i + 1), createdAt: Date(), kind: OutboxEntry.samples, payload: try Snapshot(t: Int64(v.0), samples: [
                MetricSample(name: "edgepilot_board_power_watts", labels: [], value: v.1),
                MetricSample(name: "edgepilot_energy_joules_total", labels: [.init("source", "VDD_IN")], value: v.2),
            ]).json())
        }
        let folded = try #require(Snapshot.fold(entries))
        #expect(folded.t == 3000 && folded.fold?.from == 1000 && folded.fold?.snapshots == 3)
        let sent = folded.series
        #expect(sent.first { $0.name == "edgepilot_energy_joules_total" }?.value == 15)
        #expect(sent.first { $0.name == "edgepilot_board_power_watts" }?.value == 5)
        #expect(sent.first { $0.name == "edgepilot_board_power_watts:fold_min" }?.value == 4)
        #expect(sent.first { $0.name == "edgepilot_board_power_watts:fold_max" }?.value == 6)
        // A folded snapshot survives the outbox's JSON and is not folded again.
        let back = try Snapshot.read(try folded.json(), entry: 9)
        #expect(back == folded)
        #expect(Snapshot.fold([OutboxEntry(id: 9, createdAt: Date(), kind: OutboxEntry.samples, payload: try folded.json())] + entries) == nil)
        #expect(Snapshot.fold([OutboxEntry(id: 1, createdAt: Date(), kind: OutboxEntry.samples, payload: "{not json")]) == nil)
    }
}
