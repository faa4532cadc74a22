import Foundation
import Prometheus
import Store
import Synchronization

/// The daemon's metrics in Prometheus' text format (node_exporter's conventions: `edgepilot_`
/// prefix, base units in names, counters end in `_total`, HELP and TYPE on every family, labels
/// of bounded cardinality — model, variant, precision, rail, zone, reason; never a request id).
/// Events count as they happen (`inference`, `decision`, `pull`); state is set by `update`.
public final class FleetMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    /// Totals kept elsewhere (the store, the sampler) arrive as cumulative values: counters move by the difference.
    private let seen = Mutex<[String: Double]>([:])
    /// Series of gauges whose label values come and go (active variant, power mode): the last set, to unregister.
    private let infoGauges = Mutex<[String: [Gauge]]>([:])

    /// Latency buckets, seconds: from MNIST-sized (50 µs) to detection-sized (2.5 s) inferences.
    public static let latencyBuckets: [Double] = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    public init() {}

    // MARK: events

    public func inference(model: String, variant: String, outcome: String, seconds: Double?) {
        counter("inferences", "Inferences served, by model, variant and outcome (ok, failed, busy, bad_request).",
                ["model": model, "variant": variant, "outcome": outcome]).increment()
        if let seconds { latency(model: model).record(seconds) }
    }

    /// The handles one variant's successful inferences move, looked up once (the request path
    /// then costs an atomic add and a histogram record).
    public struct InferenceSeries: Sendable {
        let ok: Counter
        let latency: ValueHistogram

        public func record(seconds: Double) {
            ok.increment()
            latency.record(seconds)
        }
    }

    public func series(model: String, variant: String) -> InferenceSeries {
        InferenceSeries(ok: counter("inferences", "Inferences served, by model, variant and outcome (ok, failed, busy, bad_request).",
                                    ["model": model, "variant": variant, "outcome": "ok"]),
                        latency: latency(model: model))
    }

    private func latency(model: String) -> ValueHistogram {
        registry.makeValueHistogram(descriptor: .init(namespace: "edgepilot", metricName: "inference_duration", unitName: "seconds",
                                                      helpText: "Inference latency in the daemon, from the start of the run to its output."),
                                    labels: [("model", model)], buckets: Self.latencyBuckets)
    }

    public func decision(model: String, reason: String, switched: Bool) {
        counter("decisions", "Policy decisions, by model and reason code.", ["model": model, "reason": reason]).increment()
        if switched {
            counter("switches", "Switches of the served variant, by model and the decision's reason code.", ["model": model, "reason": reason]).increment()
        }
    }

    public func pull(outcome: String) {
        counter("pulls", "Registry pulls, by outcome (ok, failed).", ["outcome": outcome]).increment()
    }

    // MARK: state

    public struct Model: Sendable {
        public var name: String
        public var activeVariant: String?
        public var precision: String?
        public var predictedWatts: Double?
        public var candidates: [(variant: String, precision: String, joulesPerInference: Double?)]

        public init(name: String, activeVariant: String?, precision: String?, predictedWatts: Double?,
                    candidates: [(variant: String, precision: String, joulesPerInference: Double?)]) {
            self.name = name
            self.activeVariant = activeVariant
            self.precision = precision
            self.predictedWatts = predictedWatts
            self.candidates = candidates
        }
    }

    public struct State: Sendable {
        public var boardWatts: Double?
        /// Board energy since the daemon started, J (the sampler's integral), and its source's name.
        public var energyJoules: Double?
        public var energySource: String
        public var rails: [(name: String, watts: Double)] = []
        public var budgetWatts: Double
        /// The p99 latency SLO, when one is configured.
        public var sloP99Seconds: Double?
        public var models: [Model] = []
        public var powerMode: String?
        public var temperatures: [(zone: String, celsius: Double)] = []
        public var throttled: Bool?
        public var storeBytes: Int?
        public var outbox: OutboxStatus?
        public var samplerCPUSeconds: Double?

        public init(energySource: String, budgetWatts: Double) {
            self.energySource = energySource
            self.budgetWatts = budgetWatts
        }
    }

    public func update(_ s: State) {
        if let w = s.boardWatts { gauge("board_power", "watts", "Board power over the last second, from the energy source.", [:]).set(w) }
        if let j = s.energyJoules {
            cumulative(counterName: "energy", unit: "joules", "Board energy from the sampler's integral, by source.", ["source": s.energySource], j)
        }
        for rail in s.rails { gauge("rail_power", "watts", "Power of each rail the board exposes, read at the last update.", ["rail": rail.name]).set(rail.watts) }
        gauge("power_budget", "watts", "The power budget in force.", [:]).set(s.budgetWatts)
        if let slo = s.sloP99Seconds { gauge("slo_p99", "seconds", "The p99 inference latency SLO from the config.", [:]).set(slo) }
        var active: [Gauge] = []
        for model in s.models {
            if let w = model.predictedWatts {
                gauge("predicted_power", "watts", "Board power the policy predicts for the served candidate.", ["model": model.name]).set(w)
            }
            for c in model.candidates {
                if let j = c.joulesPerInference {
                    gauge("candidate_energy_per_inference", "joules", "Measured dynamic (above idle) joules per inference of each candidate.",
                          ["model": model.name, "variant": c.variant, "precision": c.precision]).set(j)
                }
            }
            if let variant = model.activeVariant {
                let g = gauge("active_variant", "info", "1 for the variant each model serves.",
                              ["model": model.name, "variant": variant, "precision": model.precision ?? "unknown"])
                g.set(to: 1.0)
                active.append(g)
            }
        }
        replaceInfo("active_variant", active)
        if let mode = s.powerMode {
            let g = gauge("power_mode", "info", "1 for the board's power mode.", ["mode": mode])
            g.set(to: 1.0)
            replaceInfo("power_mode", [g])
        }
        for t in s.temperatures { gauge("temperature", "celsius", "Thermal zone temperatures.", ["zone": t.zone]).set(t.celsius) }
        if let throttled = s.throttled { gauge("throttled", "", "1 while the board is at or over a passive trip point.", [:]).set(to: throttled ? 1.0 : 0.0) }
        if let bytes = s.storeBytes { gauge("store_size", "bytes", "Size of the state database (with its WAL).", [:]).set(Double(bytes)) }
        if let cpu = s.samplerCPUSeconds {
            cumulative(counterName: "sampler_cpu", unit: "seconds", "CPU time of the rail sampler's thread.", [:], cpu)
        }
        if let outbox = s.outbox {
            let now = Date()
            for b in outbox.backlog {
                gauge("outbox_depth", "", "Reports waiting in the outbox, by kind.", ["kind": b.kind]).set(Double(b.depth))
                gauge("outbox_oldest_age", "seconds", "Age of the oldest report waiting, by kind (0 when none).", ["kind": b.kind])
                    .set(b.oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0)
                cumulative(counterName: "outbox_folded_entries", unit: "", "Outbox entries folded into summaries by the size bound.",
                           ["kind": b.kind], Double(b.foldedRows))
                cumulative(counterName: "outbox_dropped_entries", unit: "", "Outbox entries dropped by the age or size bound.",
                           ["kind": b.kind], Double(b.droppedRows))
            }
            for e in outbox.endpoints {
                cumulative(counterName: "reports_delivered", unit: "", "Outbox entries an endpoint took.", ["endpoint": e.name], Double(e.delivered))
                cumulative(counterName: "reports_rejected", unit: "", "Outbox entries an endpoint refused for good (4xx).",
                           ["endpoint": e.name], Double(e.rejected))
                if let at = e.lastSuccessAt {
                    gauge("report_last_success", "timestamp_seconds", "When an endpoint last took reports (Unix time).", ["endpoint": e.name])
                        .set(at.timeIntervalSince1970)
                }
            }
        }
    }

    /// The exposition, as `/metrics` serves it.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }

    // MARK: helpers

    private func counter(_ name: String, _ help: String, _ labels: [String: String], unit: String = "") -> Counter {
        registry.makeCounter(descriptor: .init(namespace: "edgepilot", metricName: unit.isEmpty ? name : "\(name)_\(unit)", unitName: "total", helpText: help),
                             labels: labels.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    private func gauge(_ name: String, _ unit: String, _ help: String, _ labels: [String: String]) -> Gauge {
        registry.makeGauge(descriptor: .init(namespace: "edgepilot", metricName: name, unitName: unit, helpText: help),
                           labels: labels.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// A counter that follows a total kept elsewhere (it only moves up; a smaller total, after a
    /// restart of whatever keeps it, starts the difference again from there).
    private func cumulative(counterName: String, unit: String, _ help: String, _ labels: [String: String], _ total: Double) {
        let c = counter(counterName, help, labels, unit: unit)
        let key = counterName + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let delta = seen.withLock { seen -> Double in
            let previous = seen[key] ?? 0
            seen[key] = total
            return total >= previous ? total - previous : total
        }
        if delta > 0 { c.increment(by: delta) }
    }

    private func replaceInfo(_ family: String, _ gauges: [Gauge]) {
        let old = infoGauges.withLock { map -> [Gauge] in
            let old = map[family] ?? []
            map[family] = gauges
            return old
        }
        for g in old where !gauges.contains(where: { $0 === g }) { registry.unregisterGauge(g) }
    }
}
