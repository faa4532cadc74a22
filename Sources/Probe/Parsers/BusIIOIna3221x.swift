/// NVIDIA's out-of-tree IIO INA3221 driver (`name` = `ina3221x`, L4T R32 / JetPack 4):
/// `rail_name_N`, `in_voltageN_input` mV, `in_currentN_input` mA, `in_powerN_input` mW
/// (BOARDS.md §1.3). Found through the IIO bus and the i2c driver directory.
enum BusIIOIna3221x {
    static let iioDevices = "sys/bus/iio/devices"
    static let driverDir = "sys/bus/i2c/drivers/ina3221x"

    static func read(_ session: ProbeSession) -> [PowerRail] {
        var candidates = session.list(iioDevices).filter { $0.hasPrefix("iio:device") }.map { joinPath(iioDevices, $0) }
        for client in session.list(driverDir) where client.contains("-") {
            let clientDir = joinPath(driverDir, client)
            candidates += session.list(clientDir).filter { $0.hasPrefix("iio:device") }.map { joinPath(clientDir, $0) }
        }
        var seen: Set<String> = []
        var rails: [PowerRail] = []
        for dir in candidates {
            let resolved = session.resolve(dir) ?? dir
            guard seen.insert(resolved).inserted else { continue }
            guard session.text(joinPath(dir, "name"), optional: true) == "ina3221x" else { continue }
            rails += readDevice(dir: dir, resolved: resolved, session)
        }
        return rails
    }

    private static func readDevice(dir: String, resolved: String, _ session: ProbeSession) -> [PowerRail] {
        let parts = resolved.split(separator: "/").map(String.init)
        let device = parts.count >= 2 ? parts[parts.count - 2] : nil
        let channels = session.list(dir).compactMap { name -> Int? in
            name.hasPrefix("rail_name_") ? Int(name.dropFirst("rail_name_".count)) : nil
        }.sorted()
        return channels.compactMap { channel in
            guard let label = session.text(joinPath(dir, "rail_name_\(channel)")),
                !ClassHwmon.isPlaceholder(label)
            else { return nil }
            return PowerRail(
                name: label, role: RailRole.unknown,
                milliwatts: session.integer(joinPath(dir, "in_power\(channel)_input")).map(Double.init),
                millivolts: session.integer(joinPath(dir, "in_voltage\(channel)_input"), optional: true).map(Double.init),
                milliamps: session.integer(joinPath(dir, "in_current\(channel)_input"), optional: true).map(Double.init),
                source: "ina3221x-iio", chip: "ina3221x", device: device, channel: channel,
                path: SysfsRoot.display(resolved), updateIntervalMs: nil)
        }
    }
}
