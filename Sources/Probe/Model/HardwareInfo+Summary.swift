import Foundation

extension HardwareInfo {
    /// The readable report of `edgepilot hw`: every section of the JSON, one board per screen.
    public func summary() -> String {
        var out = SummaryWriter()
        out.section("Board", boardLines())
        out.section("Profile", [profile.map { "\($0) — \(profileMatch ?? "")" } ?? "none matched", defaultBudgetWatts.map { "default power budget \(number($0)) W" }].compactMap { $0 })
        out.section("CPU", cpuLines())
        out.section("ISA", [features.isEmpty ? "none of the features kernel selection uses" : features.joined(separator: " ")])
        out.section("Memory", [memoryLine()])
        out.section("GPU", gpus.isEmpty ? ["none found"] : gpus.map(gpuLine))
        out.section("Thermal", thermal.isEmpty ? ["no thermal zones"] : thermal.map(thermalLine))
        out.section("Power rails", rails.isEmpty ? ["none found"] : rails.map(railLine))
        out.section("Board power", boardPowerLines())
        out.section("Power mode", [powerModeLine()])
        if !warnings.isEmpty { out.section("Warnings", warnings) }
        out.section("Unreadable", unreadable.isEmpty ? ["nothing: every item was read"] : unreadable.map { "\($0.path): \($0.reason)" })
        return out.text
    }

    private func boardLines() -> [String] {
        var lines = [model ?? "unknown model"]
        var identity = [board.family]
        if let name = board.moduleName { identity.append("\(name) (\(board.modulePart ?? ""))") }
        if let carrier = board.carrierPart { identity.append("carrier \(carrier)") }
        if let soc = board.soc { identity.append("SoC \(soc)") }
        if let pi = board.raspberryPi {
            identity.append([pi.type, pi.memoryBytes.map { bytes($0) }, pi.boardRevision.map { "rev \($0)" }].compactMap { $0 }.joined(separator: " "))
        }
        if let vendor = board.dmiVendor { identity.append(vendor) }
        lines.append(identity.joined(separator: " · "))
        var software: [String] = []
        if let l4t = l4tRelease { software.append("L4T \(l4t)" + (jetpack.map { " (JetPack \($0))" } ?? "")) }
        if let kernel = kernelRelease { software.append("kernel \(kernel)") }
        if !software.isEmpty { lines.append(software.joined(separator: " · ")) }
        if !compatible.isEmpty { lines.append("compatible: " + compatible.joined(separator: ", ")) }
        return lines
    }

    private func cpuLines() -> [String] {
        let online = cores.filter(\.online).count
        var lines = ["\(architecture ?? "unknown architecture"), \(online) of \(cores.count) cores online"]
        for (index, cluster) in clusters.enumerated() {
            let offline = cluster.cpus.filter { cpu in cores.first { $0.id == cpu }?.online == false }
            var line = "cluster \(index): \(cluster.cpus.count)× \(cluster.coreName ?? "unknown core"), cpus \(cpuRanges(cluster.cpus))"
            if let max = cluster.maxKHz { line += ", \(mhz(cluster.minKHz ?? 0))–\(mhz(max)) MHz" }
            if cluster.big { line += ", big" }
            if !offline.isEmpty { line += ", offline: \(cpuRanges(offline))" }
            lines.append(line)
            let governors = Set(cluster.policies.compactMap(\.governor)).sorted()
            let current = cluster.policies.compactMap(\.curKHz)
            if !cluster.policies.isEmpty {
                var detail = "  \(cluster.policies.count == 1 ? cluster.policies[0].name : "\(cluster.policies.count) policies")"
                if !governors.isEmpty { detail += ", governor \(governors.joined(separator: "/"))" }
                if let low = current.min(), let high = current.max() {
                    detail += ", now \(low == high ? mhz(low) : "\(mhz(low))–\(mhz(high))") MHz"
                }
                let limits = cluster.policies.compactMap { policy in policy.scalingMaxKHz.map { (policy.scalingMinKHz ?? 0, $0) } }
                if let limit = limits.first, limits.allSatisfy({ $0 == limit }) {
                    detail += ", limits \(mhz(limit.0))–\(mhz(limit.1)) MHz"
                }
                lines.append(detail)
            }
        }
        return lines
    }

    private func memoryLine() -> String {
        guard let total = memTotalBytes else { return "unreadable" }
        return "\(bytes(total)) total" + (memAvailableBytes.map { ", \(bytes($0)) available" } ?? "")
    }

    private func gpuLine(_ gpu: Accelerator) -> String {
        var parts = ["\(gpu.name) (\(gpu.kind))"]
        parts.append("load " + (gpu.loadPerMille.map { "\(number(Double($0) / 10))%" } ?? "unreadable"))
        if let cur = gpu.curHz { parts.append("\(number(Double(cur) / 1e6)) MHz" + (gpu.maxHz.map { " of \(number(Double($0) / 1e6)) MHz" } ?? "")) }
        if let governor = gpu.governor { parts.append("governor \(governor)") }
        return parts.joined(separator: ", ")
    }

    private func thermalLine(_ zone: ThermalZone) -> String {
        let value = zone.celsius.map { "\(number($0)) °C" } ?? (zone.note ?? "unreadable")
        let trips = zone.trips.compactMap { trip in trip.celsius.map { "\(trip.type ?? "trip") \(number($0)) °C" } }
        return "\(zone.type): \(value)" + (trips.isEmpty ? "" : " (trips: \(trips.joined(separator: ", ")))")
    }

    private func railLine(_ rail: PowerRail) -> String {
        var value: String
        if let milliwatts = rail.milliwatts {
            value = "\(number(milliwatts)) mW"
        } else if let energy = rail.energyMicrojoules {
            value = "counter \(number(Double(energy) / 1e6)) J" + (rail.maxEnergyRangeMicrojoules.map { ", wraps at \(number(Double($0) / 1e6)) J" } ?? "")
        } else {
            value = "unreadable"
        }
        let marker = rail.name == totalRail ? "  ← total" : ""
        let place = [rail.source, rail.device, rail.channel.map { "ch\($0)" }].compactMap { $0 }.joined(separator: " ")
        return "\(rail.name) [\(rail.role)]: \(value) — \(place)\(marker)"
    }

    private func boardPowerLines() -> [String] {
        var head = boardPower.method
        if !boardPower.rails.isEmpty {
            head += (boardPower.method == "sum" ? " of " : " ") + boardPower.rails.joined(separator: " + ")
        }
        if let milliwatts = boardPower.milliwatts { head += ": \(number(milliwatts)) mW now" }
        return [head, boardPower.note]
    }

    private func powerModeLine() -> String {
        guard let mode = powerModeInfo else { return powerMode ?? "none (no nvpmodel on this board)" }
        var details = [mode.id.map { "id \($0)" }, mode.nominalWatts.map { "nominal \(number($0)) W" }].compactMap { $0 }
        if let defaultId = mode.defaultId { details.append("default id \(defaultId)") }
        details.append("from \(mode.source)")
        return "\(mode.name) (\(details.joined(separator: ", ")))"
    }
}

/// Aligned "Heading  first line / continuation lines" sections.
private struct SummaryWriter {
    var text = ""
    mutating func section(_ heading: String, _ lines: [String]) {
        for (index, line) in lines.enumerated() {
            let label = index == 0 ? heading : ""
            text += label.padding(toLength: 13, withPad: " ", startingAt: 0) + line + "\n"
        }
    }
}

private func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
}

private func mhz(_ khz: Int) -> String { number(Double(khz) / 1000) }

private func bytes(_ count: Int) -> String {
    let gib = Double(count) / Double(1 << 30)
    return gib >= 1 ? "\(number(gib)) GiB" : "\(number(Double(count) / Double(1 << 20))) MiB"
}

/// `[0, 1, 2, 3, 6]` → `0-3,6`.
func cpuRanges(_ cpus: [Int]) -> String {
    var parts: [String] = []
    var index = 0
    let sorted = cpus.sorted()
    while index < sorted.count {
        var end = index
        while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
        parts.append(end == index ? "\(sorted[index])" : "\(sorted[index])-\(sorted[end])")
        index = end + 1
    }
    return parts.joined(separator: ",")
}
