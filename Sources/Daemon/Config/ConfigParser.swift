import Basics
import Engine
import Foundation
import Measure
import Policy
import Probe
import Fleet
import Yams

/// Reads the daemon's config from YAML: every key checked, unknown keys refused, each error with
/// file:line:column (`YAMLReading`), relative paths made absolute from the config's directory.
public struct ConfigParser: YAMLReading {
    public let file: String

    public init(file: String) { self.file = file }

    public static func load(_ path: String) throws(DaemonError) -> DaemonConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DaemonError(.config, "\(path): cannot read the config (\(FileManager.default.fileExists(atPath: path) ? "permission?" : "no such file"))")
        }
        guard data.count <= 1 << 20 else { throw DaemonError(.config, "\(path): \(data.count) bytes, over the 1 MiB a config may have") }
        do {
            return try ConfigParser(file: path).parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw DaemonError(.config, error.description)
        }
    }

    public func parse(_ text: String) throws(YAMLFileError) -> DaemonConfig {
        let root = try compose(text, what: "config")
        let top = try mapping(root, "the config", keys: [
            "boardRoot", "profiles", "stateDirectory", "socket", "socketGroup", "budget", "sloP99Ms", "maxAccuracyDropPoints",
            "allowPowerModeSwitching", "threads", "kernels", "measureSeconds", "idleSeconds", "policyIntervalSeconds", "queueLimit", "models",
            "simulatePower", "simulatePowerModes", "registry", "nvpmodel", "metrics", "report",
        ])
        var config = DaemonConfig()
        if let node = top["boardRoot"] { config.boardRoot = try path(node) }
        if let node = top["profiles"] { config.profiles = try path(node) }
        if let node = top["stateDirectory"] { config.stateDirectory = try path(node) }
        if let node = top["socket"] { config.socket = try path(node) }
        if let node = top["socketGroup"] { config.socketGroup = node.null != nil ? nil : try string(node) }
        config.budget = try budget(required(top, "budget", in: root))
        config.sloP99Ms = try top["sloP99Ms"].map { node throws(YAMLFileError) in try positive(node) }
        config.maxAccuracyDropPoints = try top["maxAccuracyDropPoints"].map { node throws(YAMLFileError) in try atLeastZero(node) }
        config.allowPowerModeSwitching = try top["allowPowerModeSwitching"].map(boolean) ?? false
        if let node = top["threads"] {
            config.threads = []
            for item in try sequence(node, "threads") {
                let count = try integer(item)
                guard (1...256).contains(count) else { throw fail(item, "threads must be between 1 and 256") }
                config.threads.append(count)
            }
            guard !config.threads.isEmpty else { throw fail(node, "threads must list at least one count") }
        }
        if let node = top["kernels"] {
            let name = try string(node)
            guard let level = ISALevel(rawValue: name) else {
                throw fail(node, "kernels must be one of \(ISALevel.allCases.map(\.rawValue).joined(separator: ", ")); got '\(name)'")
            }
            config.kernels = level
        }
        if let node = top["measureSeconds"] { config.measureSeconds = try positive(node) }
        if let node = top["idleSeconds"] { config.idleSeconds = try atLeastZero(node) }
        if let node = top["policyIntervalSeconds"] { config.policyIntervalSeconds = try positive(node) }
        if let node = top["queueLimit"] {
            config.queueLimit = try integer(node)
            guard (1...10_000).contains(config.queueLimit) else { throw fail(node, "queueLimit must be between 1 and 10000") }
        }
        if let node = top["registry"] { config.registry = try registry(node) }
        config.models = try models(required(top, "models", in: root))
        if let node = top["nvpmodel"] { config.nvpmodel = try nvpmodel(node) }
        if let node = top["metrics"] { config.report.metrics = try listenAddress(node) }
        if let node = top["report"] { try report(node, into: &config.report) }
        if let node = top["simulatePower"] { config.simulatePower = try simulated(node) }
        for (key, value) in try top["simulatePowerModes"].map({ node throws(YAMLFileError) in try pairs(node, "simulatePowerModes") }) ?? [] {
            guard config.simulatePower != nil else { throw fail(key, "simulatePowerModes goes with simulatePower") }
            config.simulatePowerModes[try string(key)] = try simulated(value)
        }
        return config
    }

    private func simulated(_ node: Node) throws(YAMLFileError) -> SimulatedPower {
        let text = try string(node)
        do {
            return try SimulatedPower(parsing: text)
        } catch {
            throw fail(node, error.description)
        }
    }

    private func nvpmodel(_ node: Node) throws(YAMLFileError) -> DaemonConfig.Nvpmodel {
        let fields = try mapping(node, "nvpmodel", keys: ["command", "timeoutSeconds", "measureModes", "retrySeconds"])
        var nvpmodel = DaemonConfig.Nvpmodel()
        if let command = fields["command"] {
            nvpmodel.command = command.scalar != nil ? [try string(command)] : try strings(command)
            guard let tool = nvpmodel.command.first, tool.hasPrefix("/") else { throw fail(command, "nvpmodel.command starts with an absolute path") }
        }
        if let value = fields["timeoutSeconds"] { nvpmodel.timeoutSeconds = try positive(value) }
        if let value = fields["retrySeconds"] { nvpmodel.retrySeconds = try atLeastZero(value) }
        if let value = fields["measureModes"] {
            nvpmodel.measureModes = try strings(value)
            guard nvpmodel.measureModes?.isEmpty == false else { throw fail(value, "measureModes lists at least one mode") }
        }
        return nvpmodel
    }

    private func budget(_ node: Node) throws(YAMLFileError) -> DaemonConfig.Budget {
        if node.scalar != nil { return .init(watts: try positive(node), schedule: []) }
        let fields = try mapping(node, "budget", keys: ["watts", "schedule"])
        var budget = DaemonConfig.Budget(watts: try positive(required(fields, "watts", in: node)), schedule: [])
        for item in try fields["schedule"].map({ node throws(YAMLFileError) in try sequence(node, "budget.schedule") }) ?? [] {
            let entry = try mapping(item, "a schedule entry", keys: ["from", "watts"])
            let from = try required(entry, "from", in: item)
            let parts = try string(from).split(separator: ":").map { Int($0) }
            guard parts.count == 2, let hour = parts[0], let minute = parts[1], (0..<24).contains(hour), (0..<60).contains(minute) else {
                throw fail(from, "from must be a time of day HH:MM")
            }
            budget.schedule.append((hour * 60 + minute, try positive(required(entry, "watts", in: item))))
        }
        budget.schedule.sort { $0.minute < $1.minute }
        return budget
    }

    private func registry(_ node: Node) throws(YAMLFileError) -> DaemonConfig.Registry {
        let fields = try mapping(node, "registry", keys: ["keys", "pullIntervalSeconds", "pullJitterSeconds", "keep", "caBundle", "margins"])
        var registry = DaemonConfig.Registry()
        if let keys = fields["keys"] { registry.keys = try path(keys) }
        if let interval = fields["pullIntervalSeconds"] { registry.pullIntervalSeconds = try atLeastZero(interval) }
        if let jitter = fields["pullJitterSeconds"] { registry.pullJitterSeconds = try atLeastZero(jitter) }
        if let keep = fields["keep"] {
            registry.keep = try integer(keep)
            guard (1...100).contains(registry.keep) else { throw fail(keep, "keep must be between 1 and 100") }
        }
        registry.caBundle = try fields["caBundle"].map(path)
        if let margins = fields["margins"] {
            let entries = try mapping(margins, "registry.margins", keys: ["accuracyDropPoints", "p99IncreasePercent", "energyIncreasePercent"])
            if let value = entries["accuracyDropPoints"] { registry.margins.accuracyDropPoints = try atLeastZero(value) }
            if let value = entries["p99IncreasePercent"] { registry.margins.p99IncreasePercent = try atLeastZero(value) }
            if let value = entries["energyIncreasePercent"] { registry.margins.energyIncreasePercent = try atLeastZero(value) }
        }
        return registry
    }

    private func models(_ node: Node) throws(YAMLFileError) -> [DaemonConfig.Model] {
        var models: [DaemonConfig.Model] = []
        for item in try sequence(node, "models") {
            let fields = try mapping(item, "a model", keys: ["name", "files", "manifest", "derive", "calibration", "eval", "shapes"])
            let name = try string(required(fields, "name", in: item))
            guard !name.isEmpty, name.utf8.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw fail(fields["name"], "a model name is 1–64 letters, digits, '-', '_' or '.'")
            }
            guard !models.contains(where: { $0.name == name }) else { throw fail(fields["name"], "model '\(name)' is listed twice") }
            let manifest = try fields["manifest"].map(url)
            guard (fields["files"] == nil) != (manifest == nil) else { throw fail(item, "a model has either files or a manifest") }
            var files: [String] = []
            if let filesNode = fields["files"] {
                for file in try sequence(filesNode, "files") { files.append(try path(file)) }
                guard !files.isEmpty else { throw fail(filesNode, "files must list at least one model file") }
            }
            var derive: [Precision] = []
            for entry in try fields["derive"].map({ node throws(YAMLFileError) in try sequence(node, "derive") }) ?? [] {
                guard let precision = Precision(rawValue: try string(entry)), precision != .fp32 else {
                    throw fail(entry, "derive lists fp16 or int8")
                }
                derive.append(precision)
            }
            let calibration = try fields["calibration"].map(path)
            if derive.contains(.int8) && calibration == nil { throw fail(item, "deriving int8 needs calibration (samples or an eval set)") }
            if fields["manifest"] != nil && !derive.isEmpty { throw fail(fields["derive"], "a manifest says which variants are derived; derive goes with files") }
            var shapes: [String: [Int]] = [:]
            for (key, value) in try fields["shapes"].map({ node throws(YAMLFileError) in try pairs(node, "shapes") }) ?? [] {
                var dims: [Int] = []
                for dim in try sequence(value, "a shape") {
                    let size = try integer(dim)
                    guard size > 0 else { throw fail(dim, "dimensions must be > 0") }
                    dims.append(size)
                }
                shapes[try string(key)] = dims
            }
            models.append(.init(name: name, files: files, manifest: manifest, derive: derive, calibration: calibration,
                                eval: try fields["eval"].map(path), shapes: shapes))
        }
        guard !models.isEmpty else { throw fail(node, "models must list at least one model") }
        return models
    }

    /// A manifest URL (http, https, file), or a path made a file URL.
    private func url(_ node: Node) throws(YAMLFileError) -> String {
        let text = try string(node)
        if text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("file://") { return text }
        guard !text.contains("://") else { throw fail(node, "manifest must be an http, https or file URL, or a path") }
        return URL(fileURLWithPath: try path(node)).absoluteString
    }

    /// A path, relative ones from the config file's directory.
    func path(_ node: Node) throws(YAMLFileError) -> String {
        let text = try string(node)
        guard !text.isEmpty else { throw fail(node, "expected a path") }
        if text.hasPrefix("/") { return text }
        return ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(text)
    }

    func positive(_ node: Node) throws(YAMLFileError) -> Double {
        let value = try number(node)
        guard value > 0 else { throw fail(node, "must be > 0") }
        return value
    }

    func atLeastZero(_ node: Node) throws(YAMLFileError) -> Double {
        let value = try number(node)
        guard value >= 0 else { throw fail(node, "must be ≥ 0") }
        return value
    }
}
