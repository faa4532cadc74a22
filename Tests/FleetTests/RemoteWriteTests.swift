import CSnappy
import Foundation
import Testing
@testable import Fleet

/// The remote-write body: prompb's wire format byte for byte on a small request, labels sorted
/// with the identity added once, samples of a series in time order, and snappy that libsnappy
/// itself reads back.
@Suite struct RemoteWriteTests {
    @Test func oneSeriesIsEncodedAsPrompbSays() {
        let snapshot = Snapshot(t: 1000, samples: [MetricSample(name: "up", labels: [], value: 1)])
        let bytes = RemoteWrite.encode([snapshot], identity: [.init("device", "d")])
        // TimeSeries{labels: [__name__=up, device=d], samples: [{1.0, 1000}]}
        let name: [UInt8] = [0x0A, 0x0E, 0x0A, 0x08] + Array("__name__".utf8) + [0x12, 0x02] + Array("up".utf8)
        let device: [UInt8] = [0x0A, 0x0B, 0x0A, 0x06] + Array("device".utf8) + [0x12, 0x01] + Array("d".utf8)
        let sample: [UInt8] = [0x12, 0x0C, 0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x10, 0xE8, 0x07]
        let series = name + device + sample
        #expect(bytes == [0x0A, UInt8(series.count)] + series)
    }

    @Test func seriesGatherTheirSamplesInTimeOrderWithSortedLabels() throws {
        let a = Snapshot(t: 2000, samples: [MetricSample(name: "edgepilot_power_budget_watts", labels: [], value: 5)])
        let b = Snapshot(t: 1000, samples: [MetricSample(name: "edgepilot_power_budget_watts", labels: [], value: 9),
                                            MetricSample(name: "x", labels: [.init("zone", "cpu"), .init("board", "mine")], value: 2)])
        let body = RemoteWrite.encode([a, b], identity: [.init("device", "d1"), .init("board", "orin")])
        // The series' own `board` label wins over the identity's: "orin" appears once, on the budget series.
        #expect(body.ranges(of: Array("orin".utf8)).count == 1)
        // The budget series' samples: 9 at t=1000 then 5 at t=2000.
        let nine = Array(withUnsafeBytes(of: Double(9).bitPattern.littleEndian) { Array($0) })
        let five = Array(withUnsafeBytes(of: Double(5).bitPattern.littleEndian) { Array($0) })
        let i9 = try #require(body.firstRange(of: nine)), i5 = try #require(body.firstRange(of: five))
        #expect(i9.lowerBound < i5.lowerBound)
        #expect(body.firstRange(of: Array("mine".utf8)) != nil)
    }

    @Test func snappyOutputIsReadBackByLibsnappy() throws {
        let input = Array(String(repeating: "edgepilot_inferences_total{model=\"mnist\"} 12\n", count: 200).utf8)
        let compressed = try RemoteWrite.compress(input)
        #expect(compressed.count < input.count / 5)
        var length = 0
        #expect(compressed.withUnsafeBytes { snappy_uncompressed_length($0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count, &length) } == SNAPPY_OK)
        var output = [UInt8](repeating: 0, count: length)
        let status = compressed.withUnsafeBytes { c in
            output.withUnsafeMutableBytes { o in
                snappy_uncompress(c.baseAddress!.assumingMemoryBound(to: CChar.self), c.count, o.baseAddress!.assumingMemoryBound(to: CChar.self), &length)
            }
        }
        #expect(status == SNAPPY_OK && output == input)
    }
}
