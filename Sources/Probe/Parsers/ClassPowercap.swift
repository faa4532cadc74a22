/// RAPL energy counters under /sys/class/powercap (BOARDS.md §1.5): each zone has a `name`
/// (`package-0`, `core`, `uncore`, `dram`, `psys`), a cumulative `energy_uj` that wraps at
/// `max_energy_range_uj`, and `energy_uj` is root-only since Linux 5.10 (CVE-2020-8694).
enum ClassPowercap {
    static let base = "sys/class/powercap"

    static func read(_ session: ProbeSession) -> [PowerRail] {
        session.list(base).compactMap { entry in
            let dir = joinPath(base, entry)
            // The control type (`intel-rapl`) has no counter; zones do.
            guard session.exists(joinPath(dir, "max_energy_range_uj")) || session.exists(joinPath(dir, "energy_uj")),
                let name = session.text(joinPath(dir, "name"))
            else { return nil }
            let resolved = session.resolve(dir) ?? dir
            return PowerRail(
                name: name, role: RailRole.unknown, milliwatts: nil, millivolts: nil, milliamps: nil,
                energyMicrojoules: session.integer(joinPath(dir, "energy_uj")),
                maxEnergyRangeMicrojoules: session.integer(joinPath(dir, "max_energy_range_uj")),
                source: "rapl", chip: entry.split(separator: ":").first.map(String.init), device: entry, channel: nil,
                path: SysfsRoot.display(resolved), updateIntervalMs: nil)
        }
    }
}
