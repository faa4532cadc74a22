import Foundation

/// A workload and budget over time, as CSV with a header: `t_s,rate_hz,budget_w` and optionally
/// `slowdown` (latency multiplier from throttling, default 1) and `slo_p99_ms`. Each row holds
/// until the next; the last row holds for the median step of the trace (1 s for a single row).
/// Blank lines and lines starting with `#` are skipped.
public struct Trace: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var time: Double
        public var rateHz: Double
        public var budgetWatts: Double
        public var slowdown: Double
        public var sloP99Ms: Double?
        /// How long the row holds, seconds.
        public var duration: Double
    }

    public var rows: [Row]
    public var durationSeconds: Double { rows.map(\.duration).reduce(0, +) }

    public static let maximumRows = 1_000_000

    /// `source` names the file in errors (`trace.csv:12:3: …`).
    public static func parse(_ text: String, source: String) throws(PolicyError) -> Trace {
        var header: [String]?
        var rows: [Row] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let cells = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let columns = header else {
                header = try checkedHeader(cells, source: "\(source):\(index + 1)")
                continue
            }
            guard rows.count < maximumRows else { throw PolicyError(.trace, "\(source): more than \(maximumRows) rows") }
            rows.append(try row(cells, columns: columns, at: "\(source):\(index + 1)", after: rows.last))
        }
        guard header != nil else { throw PolicyError(.trace, "\(source): empty (expected a header t_s,rate_hz,budget_w[,slowdown][,slo_p99_ms])") }
        guard !rows.isEmpty else { throw PolicyError(.trace, "\(source): a header but no rows") }
        for i in rows.indices.dropLast() { rows[i].duration = rows[i + 1].time - rows[i].time }
        let steps = rows.dropLast().map(\.duration).sorted()
        rows[rows.count - 1].duration = steps.isEmpty ? 1 : steps[steps.count / 2]
        return Trace(rows: rows)
    }

    static let required = ["t_s", "rate_hz", "budget_w"]
    static let optional = ["slowdown", "slo_p99_ms"]

    private static func checkedHeader(_ cells: [String], source: String) throws(PolicyError) -> [String] {
        for (column, name) in cells.enumerated() where !(required + optional).contains(name) {
            throw PolicyError(.trace, "\(source):\(column + 1): unknown column '\(name.prefix(40))' (expected \((required + optional).joined(separator: ", ")))")
        }
        for name in required where !cells.contains(name) { throw PolicyError(.trace, "\(source): the header lacks the column '\(name)'") }
        guard Set(cells).count == cells.count else { throw PolicyError(.trace, "\(source): a column appears twice in the header") }
        return cells
    }

    private static func row(_ cells: [String], columns: [String], at place: String, after previous: Row?) throws(PolicyError) -> Row {
        guard cells.count == columns.count else {
            throw PolicyError(.trace, "\(place): \(cells.count) value(s) for \(columns.count) column(s)")
        }
        var values: [String: Double] = [:]
        for (column, (name, cell)) in zip(columns, cells).enumerated() {
            if name == "slo_p99_ms" && cell.isEmpty { continue }
            guard let value = Double(cell), value.isFinite else {
                throw PolicyError(.trace, "\(place):\(column + 1): \(name) '\(cell.prefix(30))' is not a number")
            }
            let ok = switch name {
            case "t_s", "rate_hz": value >= 0
            default: value > 0
            }
            guard ok else { throw PolicyError(.trace, "\(place):\(column + 1): \(name) \(cell) must be \(name == "t_s" || name == "rate_hz" ? "≥ 0" : "> 0")") }
            values[name] = value
        }
        let time = values["t_s"]!
        if let previous, time <= previous.time {
            throw PolicyError(.trace, "\(place):\(columns.firstIndex(of: "t_s")! + 1): t_s \(time) does not follow \(previous.time) (times must increase)")
        }
        return Row(time: time, rateHz: values["rate_hz"]!, budgetWatts: values["budget_w"]!, slowdown: values["slowdown"] ?? 1,
                   sloP99Ms: values["slo_p99_ms"], duration: 0)
    }
}
