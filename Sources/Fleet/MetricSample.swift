/// One series' value at one time: what a scrape of `/metrics` stores and what remote-write sends.
public struct MetricSample: Sendable, Equatable, Codable {
    public var name: String
    /// Sorted by name (remote-write requires it).
    public var labels: [Label]
    public var value: Double

    public struct Label: Sendable, Equatable, Codable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(name: String, labels: [Label], value: Double) {
        self.name = name
        self.labels = labels.sorted { $0.name < $1.name }
        self.value = value
    }

    /// The series' identity: name and labels.
    public var key: String { ([name] + labels.map { "\($0.name)=\($0.value)" }).joined(separator: "\u{1F}") }

    /// Counters and histogram parts: their last value is what a fold keeps (rates stay exact).
    public var isCumulative: Bool {
        name.hasSuffix("_total") || name.hasSuffix("_bucket") || name.hasSuffix("_count") || name.hasSuffix("_sum")
    }
}
