/// Applies a profile to the discovered rails: names for unlabelled sensors, a role per rail,
/// the total-input rail, and how board power is obtained. Never adds a total to its parts
/// (jetson_stats #344 took VIN_SYS_5V0 for the AGX Orin total): a board without a total
/// rail gets the sum the profile names, or an estimate.
enum RailRoles {
    static func apply(_ profile: BoardProfile?, to info: inout HardwareInfo, warn: (String) -> Void) {
        var rails = info.rails
        for index in rails.indices {
            if let name = profile?.railNames[rails[index].name] { rails[index].name = name }
            rails[index].role = profile.map { role(of: rails[index].name, in: $0) } ?? RailRole.unknown
        }
        // Two chips may carry the same label: keep both, qualified by their device.
        let counts = Dictionary(grouping: rails.indices, by: { rails[$0].name })
        for (name, indices) in counts where indices.count > 1 {
            for index in indices { rails[index].name = "\(name)@\(rails[index].device ?? "\(index)")" }
        }
        info.rails = rails

        let totals = rails.filter { $0.role == "total" }
        if totals.count > 1 {
            warn("several rails have the role total (\(totals.map(\.name).joined(separator: ", "))): none is taken as the board total")
        }
        let total = totals.count == 1 ? totals[0] : nil
        info.totalRail = total?.name
        info.boardPower = boardPower(total: total, rails: rails, profile: profile, warn: warn)
    }

    static func role(of name: String, in profile: BoardProfile) -> String {
        if let exact = profile.railRoles.first(where: { $0.pattern == name }) { return exact.role }
        return profile.railRoles.first { $0.pattern.contains("*") && globMatches($0.pattern, name) }?.role ?? RailRole.unknown
    }

    private static func boardPower(total: PowerRail?, rails: [PowerRail], profile: BoardProfile?, warn: (String) -> Void) -> BoardPower {
        if let total {
            if total.energyMicrojoules != nil || total.maxEnergyRangeMicrojoules != nil {
                return BoardPower(method: "counter", rails: [total.name], milliwatts: nil,
                    note: "measured: energy counter \(total.name) (\(total.source)); power comes from two readings over a window")
            }
            return BoardPower(method: "rail", rails: [total.name], milliwatts: total.milliwatts,
                note: "measured: total-input rail \(total.name) (\(total.source))")
        }
        let patterns = profile?.boardPowerSum ?? []
        // A label made unique with `@device` still counts under its label.
        let parts = rails.filter { rail in
            let label = rail.name.split(separator: "@").first.map(String.init) ?? rail.name
            return patterns.contains { globMatches($0, rail.name) || globMatches($0, label) }
        }
        if !parts.isEmpty {
            let readings = parts.map(\.milliwatts)
            let sum = readings.contains(where: { $0 == nil }) ? nil : readings.compactMap { $0 }.reduce(0, +)
            return BoardPower(method: "sum", rails: parts.map(\.name), milliwatts: sum.map(roundMilli),
                note: profile?.boardPowerNote ?? "sum of rails: the board has no total-input rail")
        }
        if !patterns.isEmpty && !rails.isEmpty {
            warn("the profile sums \(patterns.joined(separator: ", ")) for board power, but none of these rails was found")
        }
        let note = rails.isEmpty
            ? "no power rails found: energy will be estimated from CPU time and the profile's coefficients (labelled 'estimated')"
            : "rails found but none is the board total and the profile names no sum: energy will be estimated (labelled 'estimated')"
        return BoardPower(method: "estimated", rails: [], milliwatts: nil, note: note)
    }
}

/// Rounds milliwatts to microwatt resolution, finer than any rail measures.
func roundMilli(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
