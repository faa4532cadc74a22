import Yams

/// Reads one profile from YAML text, walking Yams' node tree so every error carries the line
/// and column of the node at fault, and unknown keys (typos) are errors, not silently ignored.
struct ProfileParser: YAMLReading {
    let file: String

    func parse(_ text: String, expectedId: String?) throws(YAMLFileError) -> BoardProfile {
        let root = try compose(text, what: "profile")
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

    private func parseMatch(_ node: Node) throws(YAMLFileError) -> BoardProfile.Match {
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

    private func parseRails(_ node: Node, into profile: inout BoardProfile) throws(YAMLFileError) {
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

    private func parseModes(_ node: Node) throws(YAMLFileError) -> [BoardProfile.PowerMode] {
        var modes: [BoardProfile.PowerMode] = []
        for item in try sequence(node, "powerModes") {
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
}
