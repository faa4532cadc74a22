import Yams

/// Reads one profile from YAML text, walking Yams' node tree so every error carries the line
/// and column of the node at fault, and unknown keys (typos) are errors, not silently ignored.
struct ProfileParser {
    let file: String

    func parse(_ text: String, expectedId: String?) throws(ProfileError) -> BoardProfile {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw fail(nil, "empty profile") }
            root = node
        } catch let error as ProfileError {
            throw error
        } catch let error as YamlError {
            throw yamlFailure(error)
        } catch {
            throw fail(nil, "not YAML: \(error)")
        }
        let top = try mapping(root, "the profile", keys: [
            "id", "name", "match", "rails", "boardPower", "powerModes", "defaultBudgetWatts", "bigCores",
        ])
        let id = try string(required(top, "id", in: root))
        if let expectedId, id != expectedId {
            throw fail(top["id"], "id '\(id)' must equal the file name '\(expectedId)'")
        }
        var profile = BoardProfile(
            id: id, name: try string(required(top, "name", in: root)),
            defaultBudgetWatts: try number(required(top, "defaultBudgetWatts", in: root)))
        guard profile.defaultBudgetWatts > 0 else { throw fail(top["defaultBudgetWatts"], "defaultBudgetWatts must be > 0") }
        profile.match = try parseMatch(required(top, "match", in: root))
        if let rails = top["rails"] { try parseRails(rails, into: &profile) }
        if let power = top["boardPower"] {
            let fields = try mapping(power, "boardPower", keys: ["sum", "note"])
            profile.boardPowerSum = try fields["sum"].map(strings) ?? []
            profile.boardPowerNote = try fields["note"].map(string)
        }
        if let modes = top["powerModes"] { profile.powerModes = try parseModes(modes) }
        profile.bigCores = try top["bigCores"].map(strings) ?? []
        return profile
    }

    private func parseMatch(_ node: Node) throws(ProfileError) -> BoardProfile.Match {
        let fields = try mapping(node, "match", keys: ["compatible", "model", "architecture"])
        var match = BoardProfile.Match()
        match.compatible = try fields["compatible"].map(strings) ?? []
        match.model = try fields["model"].map(strings) ?? []
        match.architecture = try fields["architecture"].map(string)
        if match.compatible.isEmpty && match.model.isEmpty && match.architecture == nil {
            throw fail(node, "match needs compatible, model or architecture")
        }
        if let bad = (match.compatible + match.model).first(where: \.isEmpty) {
            throw fail(node, "match has an empty pattern '\(bad)'")
        }
        return match
    }

    private func parseRails(_ node: Node, into profile: inout BoardProfile) throws(ProfileError) {
        let fields = try mapping(node, "rails", keys: ["names", "roles"])
        if let names = fields["names"] {
            for (key, value) in try pairs(names, "rails.names") {
                profile.railNames[try string(key)] = try string(value)
            }
        }
        if let roles = fields["roles"] {
            for (key, value) in try pairs(roles, "rails.roles") {
                let role = try string(value)
                if let problem = RailRole.problem(role) { throw fail(value, problem) }
                profile.railRoles.append(.init(pattern: try string(key), role: role))
            }
        }
    }

    private func parseModes(_ node: Node) throws(ProfileError) -> [BoardProfile.PowerMode] {
        guard let sequence = node.sequence else { throw fail(node, "powerModes must be a list") }
        var modes: [BoardProfile.PowerMode] = []
        for item in sequence {
            let fields = try mapping(item, "a power mode", keys: ["id", "name", "watts", "reboot"])
            let mode = BoardProfile.PowerMode(
                id: try fields["id"].map(integer), name: try string(required(fields, "name", in: item)),
                watts: try fields["watts"].map(number), reboot: try fields["reboot"].map(boolean) ?? false)
            if modes.contains(where: { $0.name == mode.name }) { throw fail(item, "power mode '\(mode.name)' listed twice") }
            if let watts = mode.watts, watts <= 0 { throw fail(item, "watts must be > 0") }
            modes.append(mode)
        }
        return modes
    }

    // MARK: node helpers

    private func mapping(_ node: Node, _ what: String, keys: [String]) throws(ProfileError) -> [String: Node] {
        var result: [String: Node] = [:]
        for (key, value) in try pairs(node, what) {
            let name = try string(key)
            guard keys.contains(name) else {
                throw fail(key, "unknown key '\(name)' in \(what) (expected one of: \(keys.joined(separator: ", ")))")
            }
            guard result[name] == nil else { throw fail(key, "key '\(name)' appears twice in \(what)") }
            result[name] = value
        }
        return result
    }

    private func pairs(_ node: Node, _ what: String) throws(ProfileError) -> [(Node, Node)] {
        guard let mapping = node.mapping else { throw fail(node, "\(what) must be a mapping") }
        return mapping.map { ($0.key, $0.value) }
    }

    private func required(_ fields: [String: Node], _ key: String, in parent: Node) throws(ProfileError) -> Node {
        guard let node = fields[key] else { throw fail(parent, "missing required key '\(key)'") }
        return node
    }

    private func string(_ node: Node) throws(ProfileError) -> String {
        guard let scalar = node.scalar else { throw fail(node, "expected a string") }
        return scalar.string
    }

    private func strings(_ node: Node) throws(ProfileError) -> [String] {
        guard let sequence = node.sequence else { throw fail(node, "expected a list of strings") }
        var result: [String] = []
        for item in sequence { result.append(try string(item)) }
        return result
    }

    private func number(_ node: Node) throws(ProfileError) -> Double {
        guard let value = node.float ?? node.int.map(Double.init) else {
            throw fail(node, "expected a number, found '\(node.scalar?.string ?? "a collection")'")
        }
        return value
    }

    private func integer(_ node: Node) throws(ProfileError) -> Int {
        guard let value = node.int else { throw fail(node, "expected an integer, found '\(node.scalar?.string ?? "a collection")'") }
        return value
    }

    private func boolean(_ node: Node) throws(ProfileError) -> Bool {
        guard let value = node.bool else { throw fail(node, "expected true or false, found '\(node.scalar?.string ?? "a collection")'") }
        return value
    }

    private func fail(_ node: Node?, _ message: String) -> ProfileError {
        ProfileError(file: file, line: node?.mark?.line, column: node?.mark?.column, message: message)
    }

    private func yamlFailure(_ error: YamlError) -> ProfileError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text): " } ?? ""
            return ProfileError(file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(detail)\(problem)")
        default:
            return ProfileError(file: file, line: nil, column: nil, message: "YAML: \(error)")
        }
    }
}
