/// /sys/devices/system/cpu: online/present lists and cpufreq policies (BOARDS.md §1.8).
/// Cores taken offline by nvpmodel vanish from `online` and `affected_cpus`, but stay in
/// `present` and `related_cpus`.
struct SystemCPU {
    static let base = "sys/devices/system/cpu"

    var present: [Int]?
    var online: [Int]?
    var policies: [Policy]

    struct Policy {
        var affected: [Int]
        var related: [Int]
        var value: CPUFreqPolicy
    }

    static func read(_ session: ProbeSession) -> SystemCPU {
        let presentPath = session.exists(joinPath(base, "present")) ? joinPath(base, "present") : joinPath(base, "possible")
        let present = session.text(presentPath).flatMap { cpuList($0, at: presentPath, session) }
        let online = session.text(joinPath(base, "online")).flatMap { cpuList($0, at: joinPath(base, "online"), session) }
        let policyDir = joinPath(base, "cpufreq")
        let names = session.list(policyDir).filter { $0.hasPrefix("policy") }
            .sorted { (Int($0.dropFirst(6)) ?? 0) < (Int($1.dropFirst(6)) ?? 0) }
        let policies = names.map { readPolicy(joinPath(policyDir, $0), name: $0, session) }
        return SystemCPU(present: present, online: online, policies: policies)
    }

    private static func cpuList(_ text: String, at path: String, _ session: ProbeSession) -> [Int]? {
        if let cpus = CPUList.parse(text) { return cpus }
        session.record(path, "not a CPU list: \(SysfsValue.quoted(text))")
        return nil
    }

    private static func readPolicy(_ dir: String, name: String, _ session: ProbeSession) -> Policy {
        func number(_ file: String) -> Int? { session.integer(joinPath(dir, file)) }
        let affected = session.text(joinPath(dir, "affected_cpus")).flatMap {
            cpuList($0, at: joinPath(dir, "affected_cpus"), session)
        } ?? []
        let related = session.text(joinPath(dir, "related_cpus"), optional: true).flatMap {
            cpuList($0, at: joinPath(dir, "related_cpus"), session)
        } ?? affected
        let value = CPUFreqPolicy(
            name: name, cpus: affected,
            governor: session.text(joinPath(dir, "scaling_governor")),
            driver: session.text(joinPath(dir, "scaling_driver"), optional: true),
            curKHz: number("scaling_cur_freq"),
            minKHz: number("cpuinfo_min_freq"),
            maxKHz: number("cpuinfo_max_freq"),
            scalingMinKHz: number("scaling_min_freq"),
            scalingMaxKHz: number("scaling_max_freq"))
        return Policy(affected: affected, related: related, value: value)
    }
}
