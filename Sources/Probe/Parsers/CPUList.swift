/// Kernel CPU lists: ranges (`0-3,6`) as in `/sys/devices/system/cpu/online`, or
/// space-separated ids (`0 1 2 3`) as in cpufreq `affected_cpus`.
enum CPUList {
    static func parse(_ text: String) -> [Int]? {
        var cpus: [Int] = []
        let items = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" })
        for item in items {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            if bounds.count == 1, let cpu = Int(bounds[0]), cpu >= 0 {
                cpus.append(cpu)
            } else if bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]),
                low >= 0, low <= high, high - low < 65536
            {
                cpus.append(contentsOf: low...high)
            } else {
                return nil
            }
        }
        return Array(Set(cpus)).sorted()
    }
}
