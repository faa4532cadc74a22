import CSnappy

/// Prometheus remote-write 1.0: a protobuf `WriteRequest` (prompb: timeseries = 1; TimeSeries:
/// labels = 1, samples = 2; Label: name = 1, value = 2; Sample: value = 1 (double),
/// timestamp = 2 (int64 ms)), snappy block-compressed, sent with these headers.
public enum RemoteWrite {
    public static let headers = [
        "Content-Type: application/x-protobuf", "Content-Encoding: snappy", "X-Prometheus-Remote-Write-Version: 0.1.0",
    ]

    /// The request body for these snapshots: one time series per series key, its samples in time
    /// order; `identity` labels (device, board, profile) are added to every series.
    public static func body(_ snapshots: [Snapshot], identity: [MetricSample.Label]) throws(FleetError) -> [UInt8] {
        try compress(encode(snapshots, identity: identity))
    }

    static func encode(_ snapshots: [Snapshot], identity: [MetricSample.Label]) -> [UInt8] {
        var order: [String] = []
        var series: [String: (labels: [MetricSample.Label], points: [(Double, Int64)])] = [:]
        for snapshot in snapshots.sorted(by: { $0.t < $1.t }) {
            for sample in snapshot.series {
                let key = sample.key
                if series[key] == nil {
                    order.append(key)
                    let labels = ([MetricSample.Label("__name__", sample.name)] + sample.labels
                                  + identity.filter { id in !sample.labels.contains { $0.name == id.name } })
                        .sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
                    series[key] = (labels, [])
                }
                series[key]!.points.append((sample.value, snapshot.t))
            }
        }
        var request = ProtoWriter()
        for key in order {
            let entry = series[key]!
            var ts = ProtoWriter()
            for label in entry.labels {
                var l = ProtoWriter()
                l.string(1, label.name)
                l.string(2, label.value)
                ts.message(1, l.bytes)
            }
            for (value, time) in entry.points {
                var s = ProtoWriter()
                s.double(1, value)
                s.int64(2, time)
                ts.message(2, s.bytes)
            }
            request.message(1, ts.bytes)
        }
        return request.bytes
    }

    public static func compress(_ input: [UInt8]) throws(FleetError) -> [UInt8] {
        var length = snappy_max_compressed_length(input.count)
        var output = [UInt8](repeating: 0, count: length)
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                source.withMemoryRebound(to: CChar.self) { s in
                    target.withMemoryRebound(to: CChar.self) { t in snappy_compress(s.baseAddress, s.count, t.baseAddress, &length) }
                }
            }
        }
        guard status == SNAPPY_OK else { throw FleetError(.encode, "snappy could not compress \(input.count) bytes (status \(status.rawValue))") }
        output.removeSubrange(length...)
        return output
    }
}

/// The protobuf wire format, as far as remote-write needs it.
struct ProtoWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func tag(_ field: Int, _ wireType: UInt64) { varint(UInt64(field) << 3 | wireType) }

    mutating func string(_ field: Int, _ text: String) { message(field, Array(text.utf8)) }

    mutating func message(_ field: Int, _ body: [UInt8]) {
        tag(field, 2)
        varint(UInt64(body.count))
        bytes += body
    }

    mutating func double(_ field: Int, _ value: Double) {
        tag(field, 1)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
    }

    mutating func int64(_ field: Int, _ value: Int64) {
        tag(field, 0)
        varint(UInt64(bitPattern: value))
    }
}
