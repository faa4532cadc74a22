/// /proc/meminfo: `MemTotal` and `MemAvailable`, printed in kB (KiB).
enum ProcMeminfo {
    static func read(_ session: ProbeSession, into info: inout HardwareInfo) {
        let path = "proc/meminfo"
        guard let text = session.raw(path) else { return }
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, parts[0].hasSuffix(":"), let kib = Int(parts[1]) else { continue }
            values[String(parts[0].dropLast())] = kib * 1024
        }
        info.memTotalBytes = values["MemTotal"]
        info.memAvailableBytes = values["MemAvailable"]
        if info.memTotalBytes == nil { session.record(path, "no MemTotal line") }
    }
}
