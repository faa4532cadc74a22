import Foundation

/// Writes the sysfs layouts of BOARDS.md into a ``TempTree``, so tests can build boards the
/// fixtures do not have (a renumbered hwmon, a JetPack 5 Orin NX, a hostile value).
struct BoardBuilder {
    let tree: TempTree

    func deviceTree(model: String, compatible: [String]) throws {
        try tree.write("sys/firmware/devicetree/base/model", model + "\0", raw: true)
        try tree.write("sys/firmware/devicetree/base/compatible", compatible.map { $0 + "\0" }.joined(), raw: true)
        try tree.link("proc/device-tree", to: "../sys/firmware/devicetree/base")
    }

    /// arm64 /proc/cpuinfo blocks for the online cores, and the cpu lists.
    func arm64CPUs(part: String, online: [Int], present: Int, features: String = "fp asimd fphp asimdhp asimddp") throws {
        let blocks = online.map { cpu in
            """
            processor\t: \(cpu)
            BogoMIPS\t: 62.50
            Features\t: \(features)
            CPU implementer\t: \(part == "0x004" ? "0x4e" : "0x41")
            CPU architecture: 8
            CPU variant\t: 0x0
            CPU part\t: \(part)
            CPU revision\t: 1

            """
        }
        try tree.write("proc/cpuinfo", blocks.joined(separator: "\n"), raw: true)
        try tree.write("sys/devices/system/cpu/online", ranges(online))
        try tree.write("sys/devices/system/cpu/present", "0-\(present - 1)")
    }

    func cpufreqPolicy(_ first: Int, related: [Int], online: [Int], maxKHz: Int) throws {
        let dir = "sys/devices/system/cpu/cpufreq/policy\(first)"
        try tree.write(dir + "/affected_cpus", online.map(String.init).joined(separator: " "))
        try tree.write(dir + "/related_cpus", related.map(String.init).joined(separator: " "))
        try tree.write(dir + "/cpuinfo_max_freq", "\(maxKHz)")
        try tree.write(dir + "/cpuinfo_min_freq", "115200")
        try tree.write(dir + "/scaling_cur_freq", "729600")
        try tree.write(dir + "/scaling_min_freq", "729600")
        try tree.write(dir + "/scaling_max_freq", "\(maxKHz)")
        try tree.write(dir + "/scaling_governor", "schedutil")
        for cpu in online { try tree.link("sys/devices/system/cpu/cpu\(cpu)/cpufreq", to: "../cpufreq/policy\(first)") }
    }

    func thermalZone(_ index: Int, type: String, milliCelsius: String?) throws {
        let dir = "sys/devices/virtual/thermal/thermal_zone\(index)"
        try tree.write(dir + "/type", type)
        if let milliCelsius { try tree.write(dir + "/temp", milliCelsius) }
        try tree.link("sys/class/thermal/thermal_zone\(index)", to: "../../devices/virtual/thermal/thermal_zone\(index)")
    }

    /// An `ina3221` hwmon (JetPack 5+ layout) under an i2c client, linked as hwmonN.
    /// Channels: (label or nil for a disabled channel, mV, mA).
    func ina3221(client: String, devicePath: String, hwmon: Int, channels: [(String?, Int, Int)]) throws {
        let dir = "\(devicePath)/\(client)/hwmon/hwmon\(hwmon)"
        try tree.write(dir + "/name", "ina3221")
        try tree.write("\(devicePath)/\(client)/name", "ina3221")
        try tree.write(dir + "/update_interval", "7")
        for (index, channel) in channels.enumerated() {
            let n = index + 1
            guard let label = channel.0 else {
                try tree.write(dir + "/in\(n)_enable", "0")
                continue
            }
            try tree.write(dir + "/in\(n)_enable", "1")
            try tree.write(dir + "/in\(n)_label", label)
            try tree.write(dir + "/in\(n)_input", "\(channel.1)")
            try tree.write(dir + "/curr\(n)_input", "\(channel.2)")
        }
        let total = channels.compactMap { $0.0 == nil ? nil : $0.2 }.reduce(0, +)
        try tree.write(dir + "/in7_label", "sum of shunt voltages")
        try tree.write(dir + "/in7_input", "5200")
        try tree.write(dir + "/curr4_input", "\(total)")
        try tree.link("sys/class/hwmon/hwmon\(hwmon)", to: "../../\(dir.dropFirst(4))")
    }

    private func ranges(_ cpus: [Int]) -> String {
        guard let first = cpus.first, let last = cpus.last else { return "" }
        return cpus == Array(first...last) ? "\(first)-\(last)" : cpus.map(String.init).joined(separator: ",")
    }
}
