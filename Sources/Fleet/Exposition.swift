/// Reads the Prometheus text format (version 0.0.4) back into samples: the snapshot that goes
/// into the outbox is exactly what a scrape of `/metrics` would store. Comment lines are skipped;
/// a line that does not parse is an error naming the line.
public enum Exposition {
    public static func parse(_ text: String) throws(FleetError) -> [MetricSample] {
        var samples: [MetricSample] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let sample = parseLine(Array(line.utf8)) else {
                throw FleetError(.encode, "exposition line \(number + 1): cannot read '\(line.prefix(120))'")
            }
            samples.append(sample)
        }
        return samples
    }

    static func parseLine(_ bytes: [UInt8]) -> MetricSample? {
        var i = 0
        while i < bytes.count, bytes[i] != UInt8(ascii: "{"), bytes[i] != UInt8(ascii: " ") { i += 1 }
        guard i > 0, i < bytes.count else { return nil }
        let name = String(decoding: bytes[0..<i], as: UTF8.self)
        var labels: [MetricSample.Label] = []
        if bytes[i] == UInt8(ascii: "{") {
            i += 1
            while i < bytes.count, bytes[i] != UInt8(ascii: "}") {
                let start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "=") { i += 1 }
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") else { return nil }
                let labelName = String(decoding: bytes[start..<i], as: UTF8.self)
                i += 2
                var value: [UInt8] = []
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                        i += 1
                        value.append(bytes[i] == UInt8(ascii: "n") ? UInt8(ascii: "\n") : bytes[i])
                    } else {
                        value.append(bytes[i])
                    }
                    i += 1
                }
                guard i < bytes.count else { return nil }
                i += 1
                labels.append(.init(labelName, String(decoding: value, as: UTF8.self)))
                if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i += 1 }
            }
            guard i < bytes.count else { return nil }
            i += 1
        }
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        let rest = String(decoding: bytes[i...], as: UTF8.self).split(separator: " ")
        guard let first = rest.first, let value = number(first) else { return nil }
        return MetricSample(name: name, labels: labels, value: value)
    }

    static func number(_ text: Substring) -> Double? {
        switch text {
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default: return Double(text)
        }
    }
}
