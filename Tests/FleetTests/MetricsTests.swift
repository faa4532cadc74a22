import Foundation
import Store
import Testing
@testable import Fleet

/// The exposition: every family named by the conventions (prefix, units, `_total`), with HELP
/// and TYPE, read back by our parser into the samples a scrape would store; counters follow
/// totals kept elsewhere; the active variant's info series moves with a switch.
@Suite struct MetricsTests {
    static func state(active: String = "fp32 ×1") -> FleetMetrics.State {
        var s = FleetMetrics.State(energySource: "VDD_IN", budgetWatts: 5)
        s.boardWatts = 4.2
        s.sloP99Seconds = 0.05
        s.energyJoules = 120
        s.rails = [("VDD_IN", 4.2), ("VDD_CPU_GPU_CV", 1.1)]
        s.models = [.init(name: "mnist", activeVariant: active, precision: "fp32", predictedWatts: 4.0,
                          candidates: [("fp32 ×1", "fp32", 0.0012), ("int8 ×1", "int8", 0.0009)])]
        s.powerMode = "15W"
        s.temperatures = [("cpu-thermal", 47.5)]
        s.throttled = false
        s.storeBytes = 4096
        s.samplerCPUSeconds = 0.25
        s.outbox = OutboxStatus(backlog: [.init(kind: "samples", depth: 3, bytes: 900, oldest: Date(timeIntervalSinceNow: -30), foldedRows: 0, droppedRows: 0)],
                                endpoints: [.init(name: "remote-write", delivered: 10, rejected: 1, lastSuccessAt: Date(), lastFailureAt: nil,
                                                  lastError: nil, lastRejection: nil)])
        return s
    }

    @Test func familiesFollowTheConventionsAndParseBack() throws {
        let metrics = FleetMetrics()
        metrics.update(Self.state())
        metrics.inference(model: "mnist", variant: "fp32 ×1", outcome: "ok", seconds: 0.0004)
        metrics.decision(model: "mnist", reason: "switchDown", switched: true)
        metrics.pull(outcome: "ok")
        let text = String(decoding: metrics.exposition(), as: UTF8.self)
        var families: [String: String] = [:], helped: Set<String> = []
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if line.hasPrefix("# TYPE ") { families[String(words[2])] = String(words[3]) }
            if line.hasPrefix("# HELP ") { helped.insert(String(words[2])) }
        }
        #expect(Set(families.keys) == helped, "every family has HELP and TYPE")
        for (name, type) in families {
            #expect(name.hasPrefix("edgepilot_"))
            #expect((type == "counter") == name.hasSuffix("_total"), "\(name) is a \(type)")
        }
        for family in ["edgepilot_inferences_total", "edgepilot_inference_duration_seconds", "edgepilot_board_power_watts", "edgepilot_rail_power_watts",
                       "edgepilot_energy_joules_total", "edgepilot_power_budget_watts", "edgepilot_slo_p99_seconds", "edgepilot_predicted_power_watts",
                       "edgepilot_candidate_energy_per_inference_joules", "edgepilot_active_variant_info", "edgepilot_decisions_total",
                       "edgepilot_switches_total", "edgepilot_power_mode_info", "edgepilot_temperature_celsius", "edgepilot_throttled",
                       "edgepilot_pulls_total", "edgepilot_store_size_bytes", "edgepilot_outbox_depth", "edgepilot_outbox_oldest_age_seconds",
                       "edgepilot_sampler_cpu_seconds_total", "edgepilot_reports_delivered_total"] {
            #expect(families[family] != nil, "missing \(family)")
        }
        let samples = try Exposition.parse(text)
        let energy = try #require(samples.first { $0.name == "edgepilot_energy_joules_total" })
        #expect(energy.value == 120 && energy.labels == [.init("source", "VDD_IN")])
        #expect(samples.contains { $0.name == "edgepilot_inference_duration_seconds_bucket" && $0.labels.contains(.init("le", "+Inf")) && $0.value == 1 })
        #expect(samples.contains { $0.name == "edgepilot_active_variant_info" && $0.labels.contains(.init("variant", "fp32 ×1")) })
    }

    /// The fleet's rules (deploy/prometheus) name only series the daemon exports.
    @Test func theFleetRulesUseOnlyExportedSeries() throws {
        let root = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
        let rules = try String(contentsOfFile: root + "/deploy/prometheus/edgepilot.rules.yml", encoding: .utf8)
        let metrics = FleetMetrics()
        metrics.update(Self.state())
        metrics.inference(model: "mnist", variant: "fp32 ×1", outcome: "ok", seconds: 0.001)
        let exported = Set(try Exposition.parse(String(decoding: metrics.exposition(), as: UTF8.self)).map(\.name))
        let used = Set(rules.matches(of: /edgepilot_[a-z0-9_]+/).map { String($0.output) })
        #expect(!used.isEmpty)
        for name in used { #expect(exported.contains(name), "the rules use \(name), which the daemon does not export") }
    }

    @Test func countersFollowTotalsAndInfoSeriesMoveWithASwitch() throws {
        let metrics = FleetMetrics()
        metrics.update(Self.state())
        var next = Self.state(active: "int8 ×1")
        next.energyJoules = 150
        metrics.update(next)
        let samples = try Exposition.parse(String(decoding: metrics.exposition(), as: UTF8.self))
        #expect(samples.first { $0.name == "edgepilot_energy_joules_total" }?.value == 150)
        let active = samples.filter { $0.name == "edgepilot_active_variant_info" }
        #expect(active.count == 1 && active[0].labels.contains(.init("variant", "int8 ×1")))
    }

    @Test func escapedLabelValuesAndBadLinesAreHandled() throws {
        let samples = try Exposition.parse("# HELP x y\nx{a=\"q\\\"uote\",b=\"new\\nline\"} 2.5e-3\nup 1\n")
        #expect(samples == [MetricSample(name: "x", labels: [.init("a", "q\"uote"), .init("b", "new\nline")], value: 0.0025),
                            MetricSample(name: "up", labels: [], value: 1)])
        #expect { try Exposition.parse("ok 1\nbroken{a=\"1\" 2\n") } throws: { "\($0)".contains("line 2") }
    }
}
