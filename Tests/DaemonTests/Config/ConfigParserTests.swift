import Basics
import Engine
import Fleet
import Foundation
import Measure
import Policy
import Testing
@testable import Daemon

/// The config: every key read, relative paths from the config's directory, and each mistake
/// refused with file:line:column.
@Suite struct ConfigParserTests {
    static let valid = """
        boardRoot: boards/orin
        stateDirectory: /var/lib/edgepilot
        socket: /run/edgepilot/edgepilot.sock
        budget:
          watts: 10
          schedule:
            - {from: "22:00", watts: 5}
            - {from: "07:30", watts: 12}
        sloP99Ms: 40
        maxAccuracyDropPoints: 1
        allowPowerModeSwitching: true
        threads: [1, 2]
        kernels: avx2
        measureSeconds: 2
        queueLimit: 8
        simulatePower: "3.5:9"
        models:
          - name: ppocr
            files: [models/ppocr/fp32.onnx]
            derive: [fp16, int8]
            calibration: eval/ppocr
            eval: eval/ppocr
            shapes: {x: [1, 3, 48, 192]}
        """

    @Test func aValidConfigIsReadWhole() throws {
        let config = try ConfigParser(file: "/etc/edgepilot/config.yaml").parse(Self.valid)
        #expect(config.boardRoot == "/etc/edgepilot/boards/orin" && config.socket == "/run/edgepilot/edgepilot.sock")
        #expect(config.budget.watts == 10 && config.budget.schedule.map(\.minute) == [450, 1320])
        #expect(config.sloP99Ms == 40 && config.maxAccuracyDropPoints == 1 && config.allowPowerModeSwitching && config.threads == [1, 2])
        #expect(config.kernels == .avx2)
        #expect(config.measureSeconds == 2 && config.queueLimit == 8 && config.simulatePower?.activeWatts == 9)
        let model = try #require(config.models.first)
        #expect(model.name == "ppocr" && model.files == ["/etc/edgepilot/models/ppocr/fp32.onnx"] && model.derive == [.fp16, .int8])
        #expect(model.shapes == ["x": [1, 3, 48, 192]] && model.eval == "/etc/edgepilot/eval/ppocr")
        #expect(config.socketGroup == "edgepilot" && config.databasePath == "/var/lib/edgepilot/results.db")
    }

    /// The schedule: the last entry before a time of day, wrapping from the day before.
    @Test func aBudgetScheduleFollowsTheTimeOfDay() throws {
        let budget = try ConfigParser(file: "c.yaml").parse(Self.valid).budget
        #expect(budget.watts(atMinute: 0) == 5 && budget.watts(atMinute: 449) == 5 && budget.watts(atMinute: 450) == 12)
        #expect(budget.watts(atMinute: 1319) == 12 && budget.watts(atMinute: 1320) == 5)
        #expect(try ConfigParser(file: "c.yaml").parse("budget: 7\nmodels: [{name: m, files: [m.onnx]}]").budget.watts(atMinute: 100) == 7)
    }

    @Test(arguments: [
        ("budget: 9\nmodels: [{name: m, files: [m.onnx]}]\nbudgte: 3", 3, 1, "unknown key 'budgte'"),
        ("models: [{name: m, files: [m.onnx]}]", 1, 1, "missing required key 'budget'"),
        ("budget: -1\nmodels: [{name: m, files: [m.onnx]}]", 1, 9, "must be > 0"),
        ("budget: {watts: 5, schedule: [{from: '25:00', watts: 3}]}\nmodels: [{name: m, files: [m.onnx]}]", 1, 38, "HH:MM"),
        ("budget: 9\nmodels: []", 2, 9, "at least one model"),
        ("budget: 9\nmodels: [{name: 'a b', files: [m.onnx]}]", 2, 17, "letters, digits"),
        ("budget: 9\nmodels: [{name: m, files: [m.onnx], derive: [int8]}]", 2, 10, "needs calibration"),
        ("budget: 9\nmodels: [{name: m, files: [m.onnx], derive: [fp32]}]", 2, 46, "fp16 or int8"),
        ("budget: 9\nthreads: [0]\nmodels: [{name: m, files: [m.onnx]}]", 2, 11, "between 1 and 256"),
        ("budget: 9\nkernels: avx9\nmodels: [{name: m, files: [m.onnx]}]", 2, 10, "kernels must be one of scalar, avx2"),
        ("budget: 9\nsimulatePower: '9:3'\nmodels: [{name: m, files: [m.onnx]}]", 2, 16, "IDLE_W:ACTIVE_W"),
        ("budget: [\n", 2, 1, "YAML syntax"),
        ("budget: 9\nmodels: [{name: m}]", 2, 10, "either files or a manifest"),
        ("budget: 9\nmodels: [{name: m, files: [a.onnx], manifest: m.json}]", 2, 10, "either files or a manifest"),
        ("budget: 9\nmodels: [{name: m, manifest: 'ftp://x/m.json'}]", 2, 30, "http, https or file URL"),
        ("budget: 9\nmodels: [{name: m, manifest: m.json, derive: [fp16]}]", 2, 46, "derive goes with files"),
        ("budget: 9\nregistry: {keep: 0}\nmodels: [{name: m, manifest: m.json}]", 2, 18, "keep must be between 1 and 100"),
        ("budget: 9\nregistry: {margins: {p99: 3}}\nmodels: [{name: m, manifest: m.json}]", 2, 22, "unknown key 'p99'"),
        ("budget: 9\nmetrics: localhost\nmodels: [{name: m, files: [m.onnx]}]", 2, 10, "host:port"),
        ("budget: 9\nmetrics: ':9464'\nmodels: [{name: m, files: [m.onnx]}]", 2, 10, "host:port"),
        ("budget: 9\nreport: {remoteWrite: {url: 'ftp://x/w'}}\nmodels: [{name: m, files: [m.onnx]}]", 2, 23, "not an http or https URL"),
        ("budget: 9\nreport: {events: {url: 'http://x/e', bearerTokenFile: t, basicAuthFile: b}}\nmodels: [{name: m, files: [m.onnx]}]", 2, 18,
         "not both"),
        ("budget: 9\nreport: {deviceId: 'a b'}\nmodels: [{name: m, files: [m.onnx]}]", 2, 20, "deviceId"),
        ("budget: 9\nreport: {outbox: {maxBytes: 10}}\nmodels: [{name: m, files: [m.onnx]}]", 2, 29, "at least 65536"),
        ("budget: 9\nreport: {remoteWrite: {}}\nmodels: [{name: m, files: [m.onnx]}]", 2, 23, "missing required key 'url'"),
    ])
    func mistakesAreRefusedWithTheirPlace(text: String, line: Int, column: Int, words: String) {
        #expect { try ConfigParser(file: "/etc/edgepilot/config.yaml").parse(text) } throws: { error in
            let description = "\(error)"
            return description.hasPrefix("/etc/edgepilot/config.yaml:\(line):\(column): ") && description.contains(words)
        }
    }

    @Test func aManifestModelAndTheRegistryAreRead() throws {
        let config = try ConfigParser(file: "/etc/edgepilot/config.yaml").parse("""
            budget: 9
            registry: {keys: keys, pullIntervalSeconds: 60, keep: 2, margins: {p99IncreasePercent: 10}}
            models: [{name: m, manifest: registry/m.json}, {name: n, manifest: "https://example.org/n.json"}]
            """)
        #expect(config.models.map(\.manifest) == ["file:///etc/edgepilot/registry/m.json", "https://example.org/n.json"])
        #expect(config.registry.keys == "/etc/edgepilot/keys" && config.registry.pullIntervalSeconds == 60 && config.registry.keep == 2)
        #expect(config.registry.margins.p99IncreasePercent == 10 && config.registry.margins.energyIncreasePercent == 50)
        #expect(config.modelStoreDirectory == "/var/lib/edgepilot/models")
    }

    @Test func reportingIsReadWithItsDefaults() throws {
        let defaults = try ConfigParser(file: "/etc/edgepilot/config.yaml").parse("budget: 9\nmodels: [{name: m, files: [m.onnx]}]").report
        #expect(defaults.metrics?.description == "127.0.0.1:9464" && defaults.remoteWrite == nil && defaults.events == nil && defaults.sampleSeconds == 15)
        let config = try ConfigParser(file: "/etc/edgepilot/config.yaml").parse("""
            budget: 9
            metrics: "[::1]:9100"
            report:
              deviceId: board-7
              sampleSeconds: 30
              outbox: {maxBytes: 1048576, maxAgeHours: 24}
              remoteWrite: {url: "https://fleet.example/api/v1/write", bearerTokenFile: secrets/token, caFile: /etc/ssl/fleet.pem}
              events: {url: "http://127.0.0.1:8080/events", timeoutSeconds: 5}
            models: [{name: m, files: [m.onnx]}]
            """)
        #expect(config.report.metrics == .init(host: "::1", port: 9100) && config.report.metrics?.description == "[::1]:9100")
        #expect(config.report.deviceId == "board-7" && config.report.sampleSeconds == 30 && config.report.outboxMaxBytes == 1 << 20)
        #expect(config.report.remoteWrite?.bearerTokenFile == "/etc/edgepilot/secrets/token" && config.report.remoteWrite?.caFile == "/etc/ssl/fleet.pem")
        #expect(config.report.events?.timeoutSeconds == 5 && config.report.events?.name == "events")
        #expect(try ConfigParser(file: "c.yaml").parse("budget: 9\nmetrics: ''\nmodels: [{name: m, files: [m.onnx]}]").report.metrics == nil)
    }

    @Test func aMissingFileIsAConfigError() {
        #expect { try ConfigParser.load("/nonexistent/config.yaml") } throws: { ($0 as? DaemonError)?.code == .config }
    }
}
