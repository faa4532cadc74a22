/// /sys/class/thermal/thermal_zoneN: `type` and `temp` in m°C, trip points (BOARDS.md §1.7).
/// Zones are found by listing, never by index. A zone whose `temp` fails (EAGAIN on a
/// power-gated Orin cv zone, or left out of a fixture for that reason) stays in the list
/// with a null temperature.
enum ClassThermal {
    static let base = "sys/class/thermal"
    /// tegrastats prints an offline zone as -256 °C; jtop uses it as "offline" (BOARDS.md §9.8).
    static let offlineSentinels: Set<Int> = [-256, -256_000]

    static func read(_ session: ProbeSession) -> [ThermalZone] {
        session.list(base)
            .filter { $0.hasPrefix("thermal_zone") }
            .sorted { (Int($0.dropFirst(12)) ?? 0) < (Int($1.dropFirst(12)) ?? 0) }
            .compactMap { readZone($0, session) }
    }

    private static func readZone(_ zone: String, _ session: ProbeSession) -> ThermalZone? {
        let dir = joinPath(base, zone)
        guard let type = session.text(joinPath(dir, "type")) else { return nil }
        var result = ThermalZone(zone: zone, type: type)
        let tempPath = joinPath(dir, "temp")
        if let milli = session.integer(tempPath) {
            if offlineSentinels.contains(milli) {
                session.record(tempPath, "sensor offline (reads the -256 °C sentinel)")
            } else if type == "PMIC-Die" && milli == 100_000 {
                result.note = "PMIC-Die reads a fixed 100 °C placeholder on Jetson, not a sensor"
            } else {
                result.celsius = Double(milli) / 1000
            }
        }
        result.trips = readTrips(dir, session)
        return result
    }

    private static func readTrips(_ dir: String, _ session: ProbeSession) -> [TripPoint] {
        let indices = session.list(dir).compactMap { name -> Int? in
            guard name.hasPrefix("trip_point_"), name.hasSuffix("_temp") else { return nil }
            return Int(name.dropFirst("trip_point_".count).dropLast("_temp".count))
        }.sorted()
        return indices.map { index in
            let prefix = joinPath(dir, "trip_point_\(index)")
            return TripPoint(
                type: session.text(prefix + "_type", optional: true),
                celsius: session.integer(prefix + "_temp").map { Double($0) / 1000 })
        }
    }
}
