/// Builds cores and clusters from /proc/cpuinfo and cpufreq: cores keep their decoded names,
/// clusters group cores by core type and maximum frequency (BOARDS.md §1.8, §1.10).
enum CPUTopology {
    /// Returns the board lines of /proc/cpuinfo (the Pi's `Revision`, `Model`).
    static func read(_ session: ProbeSession, into info: inout HardwareInfo) -> [String: String] {
        let cpuinfo = session.raw("proc/cpuinfo").map(ProcCPUInfo.init(parsing:))
        let system = SystemCPU.read(session)
        let processors = cpuinfo?.processors ?? []
        info.architecture = cpuinfo?.architecture
        info.features = ISAFeatures.common(processors, architecture: info.architecture)

        let byId = Dictionary(processors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let onlineSet = Set(system.online ?? processors.map(\.id))
        let ids = Set(system.present ?? []).union(onlineSet).union(byId.keys).sorted()
        let policyOf = { (cpu: Int) in system.policies.first { $0.related.contains(cpu) || $0.affected.contains(cpu) } }

        func name(of cpu: Int) -> (String?, String?, String?) {
            if let processor = byId[cpu] {
                let name = CorePartNames.name(implementer: processor.implementer, part: processor.part) ?? processor.modelName
                return (name, processor.implementer, processor.part)
            }
            // Offline: take the name of an online core in the same policy (they share a clock,
            // so they are the same core type).
            if let sibling = policyOf(cpu)?.related.first(where: { byId[$0] != nil }) {
                return name(of: sibling)
            }
            return (nil, nil, nil)
        }

        info.cores = ids.map { cpu in
            let (coreName, implementer, part) = name(of: cpu)
            return Core(
                id: cpu, online: onlineSet.contains(cpu), coreName: coreName, implementer: implementer,
                part: part, maxKHz: policyOf(cpu)?.value.maxKHz, cluster: nil)
        }

        var clusters: [Cluster] = []
        for index in info.cores.indices {
            let core = info.cores[index]
            let slot = clusters.firstIndex { $0.coreName == core.coreName && $0.maxKHz == core.maxKHz }
            let target = slot ?? clusters.count
            if slot == nil {
                clusters.append(
                    Cluster(
                        coreName: core.coreName, cpus: [], maxKHz: core.maxKHz,
                        minKHz: policyOf(core.id)?.value.minKHz, big: false, policies: []))
            }
            clusters[target].cpus.append(core.id)
            if let policy = policyOf(core.id), !clusters[target].policies.contains(where: { $0.name == policy.value.name }) {
                clusters[target].policies.append(policy.value)
            }
            info.cores[index].cluster = target
        }
        info.clusters = clusters
        return cpuinfo?.board ?? [:]
    }

    /// Marks the big clusters: those whose core names the profile lists, else the fastest.
    static func markBig(_ clusters: inout [Cluster], bigCoreNames: [String]) {
        if !bigCoreNames.isEmpty {
            for index in clusters.indices {
                clusters[index].big = clusters[index].coreName.map(bigCoreNames.contains) ?? false
            }
            return
        }
        let fastest = clusters.compactMap(\.maxKHz).max()
        for index in clusters.indices {
            clusters[index].big = fastest == nil || clusters[index].maxKHz == fastest
        }
    }
}
