import Foundation
import Store

/// A metrics snapshot as the outbox keeps it (kind `samples`): the time in ms and every series'
/// value, or — after the outbox's bound folded several — per series the count, sum, minimum,
/// maximum and last value over the window `from`…`t`.
public struct Snapshot: Codable, Sendable, Equatable {
    public var t: Int64
    public var samples: [MetricSample]
    public var fold: Fold?

    public struct Fold: Codable, Sendable, Equatable {
        public var from: Int64
        public var snapshots: Int
        public var series: [Summary]
    }

    public struct Summary: Codable, Sendable, Equatable {
        public var name: String
        public var labels: [MetricSample.Label]
        public var count: Int
        public var sum: Double
        public var min: Double
        public var max: Double
        public var last: Double
    }

    public init(t: Int64, samples: [MetricSample]) {
        self.t = t
        self.samples = samples
        fold = nil
    }

    public func json() throws(FleetError) -> String {
        do {
            return String(decoding: try Self.encoder.encode(self), as: UTF8.self)
        } catch {
            throw FleetError(.encode, "snapshot at \(t) ms: \(error)")
        }
    }

    public static func read(_ payload: String, entry id: Int64) throws(FleetError) -> Snapshot {
        do {
            return try decoder.decode(Snapshot.self, from: Data(payload.utf8))
        } catch {
            throw FleetError(.encode, "outbox entry \(id): not a snapshot: \(error)")
        }
    }

    /// Several snapshots as one: per series, count/sum/min/max/last over the window. Nil when an
    /// entry cannot be read (then the bound drops instead of folding).
    public static func fold(_ entries: [OutboxEntry]) -> Snapshot? {
        var snapshots: [Snapshot] = []
        for entry in entries {
            guard let snapshot = try? read(entry.payload, entry: entry.id), snapshot.fold == nil else { return nil }
            snapshots.append(snapshot)
        }
        guard let first = snapshots.first, let last = snapshots.last else { return nil }
        var order: [String] = []
        var summaries: [String: Summary] = [:]
        for snapshot in snapshots {
            for sample in snapshot.samples where sample.value.isFinite {
                if var s = summaries[sample.key] {
                    s.count += 1
                    s.sum += sample.value
                    s.min = Swift.min(s.min, sample.value)
                    s.max = Swift.max(s.max, sample.value)
                    s.last = sample.value
                    summaries[sample.key] = s
                } else {
                    order.append(sample.key)
                    summaries[sample.key] = Summary(name: sample.name, labels: sample.labels, count: 1, sum: sample.value, min: sample.value,
                                                    max: sample.value, last: sample.value)
                }
            }
        }
        var folded = Snapshot(t: last.t, samples: [])
        folded.fold = Fold(from: first.t, snapshots: snapshots.count, series: order.compactMap { summaries[$0] })
        return folded
    }

    /// What the receiver gets: the samples; for a fold, counters and histogram parts at their last
    /// value, gauges at their mean with their minimum and maximum as `NAME:fold_min` / `:fold_max`.
    public var series: [MetricSample] {
        guard let fold else { return samples }
        return fold.series.flatMap { s -> [MetricSample] in
            let sample = MetricSample(name: s.name, labels: s.labels, value: s.last)
            if sample.isCumulative { return [sample] }
            return [MetricSample(name: s.name, labels: s.labels, value: s.sum / Double(s.count)),
                    MetricSample(name: s.name + ":fold_min", labels: s.labels, value: s.min),
                    MetricSample(name: s.name + ":fold_max", labels: s.labels, value: s.max)]
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return decoder
    }()
}
