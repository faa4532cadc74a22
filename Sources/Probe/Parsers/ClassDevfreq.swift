/// GPUs and NPUs through /sys/class/devfreq (BOARDS.md §1.9, §2.4, §5): frequencies in Hz;
/// Jetson GPU `load` in per-mille beside the owning device; RK Mali devfreq `load` as
/// `<pct>@<freq>Hz`; RK NPU load in root-only debugfs.
enum ClassDevfreq {
    static let base = "sys/class/devfreq"
    /// Device-tree node names of Jetson GPUs (jetson_stats `gpu.py`).
    static let jetsonGPUNodes: Set<String> = ["gpu", "gv11b", "gp10b", "ga10b", "gb10b"]
    static let rknpuLoad = "sys/kernel/debug/rknpu/load"

    static func read(_ session: ProbeSession) -> [Accelerator] {
        session.list(base).compactMap { readNode($0, session) }
    }

    private static func readNode(_ name: String, _ session: ProbeSession) -> Accelerator? {
        let dir = joinPath(base, name)
        let ofNode = session.raw(joinPath(dir, "device/of_node/name"), optional: true)
            .flatMap { SysfsValue.deviceTreeStrings($0).first }
        let lower = name.lowercased()
        let kind: String
        if lower.contains("npu") {
            kind = "npu"
        } else if lower.contains("gpu") || ofNode.map(jetsonGPUNodes.contains) == true {
            kind = "gpu"
        } else {
            return nil  // memory controllers and other devfreq users are not accelerators
        }
        var result = Accelerator(
            name: name, kind: kind, ofNodeName: ofNode,
            curHz: session.integer(joinPath(dir, "cur_freq")),
            minHz: session.integer(joinPath(dir, "min_freq"), optional: true),
            maxHz: session.integer(joinPath(dir, "max_freq"), optional: true),
            governor: session.text(joinPath(dir, "governor"), optional: true))
        result.loadPerMille = load(dir: dir, kind: kind, session)
        return result
    }

    private static func load(dir: String, kind: String, _ session: ProbeSession) -> Int? {
        if kind == "npu" {
            guard session.exists(rknpuLoad) else {
                session.record(rknpuLoad, "no such file (the RK NPU load is in debugfs: root and a mounted debugfs)")
                return nil
            }
            guard let text = session.text(rknpuLoad) else { return nil }
            if let perMille = parseRKNPULoad(text) { return perMille }
            session.record(rknpuLoad, "not an rknpu load line: \(SysfsValue.quoted(text))")
            return nil
        }
        // Jetson: per-mille `load` in the owning device's directory.
        let deviceLoad = joinPath(dir, "device/load")
        if session.exists(deviceLoad) { return session.integer(deviceLoad) }
        // Rockchip Mali: `<pct>@<freq>Hz` in the devfreq directory.
        let devfreqLoad = joinPath(dir, "load")
        guard let text = session.text(devfreqLoad, optional: true) else { return nil }
        if let percent = parseMaliLoad(text) { return percent * 10 }
        session.record(devfreqLoad, "not '<pct>@<freq>Hz': \(SysfsValue.quoted(text))")
        return nil
    }

    /// `0@300000000Hz` → 0 (percent).
    static func parseMaliLoad(_ text: String) -> Int? {
        guard let match = text.wholeMatch(of: /(\d+)@(\d+)Hz/) else { return nil }
        return Int(match.1)
    }

    /// `NPU load:  Core0:  3%, Core1:  0%, Core2:  0%,` → mean in per-mille (10).
    static func parseRKNPULoad(_ text: String) -> Int? {
        let cores = text.matches(of: /Core\d+:\s*(\d+)%/).compactMap { Int($0.1) }
        guard !cores.isEmpty else { return nil }
        return cores.reduce(0, +) * 10 / cores.count
    }
}
