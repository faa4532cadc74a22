/// Probe — stage 1 of EdgePilot (ARCHITECTURE §1): what is this board?
///
/// Owns reading `/proc`, `/sys` and `/etc` under one root into a single ``HardwareInfo``:
/// board identity, cores and clusters, ISA features, memory, GPUs, thermal zones, power rails
/// with the board's total, power mode, and the matched profile. Devices are found by `name`,
/// label or type, never by index; units are converted once, here. Every item that cannot be
/// read is recorded with its path and reason while the rest is still reported.
///
/// Must not: write anything, sample over time (that is Energy's), or decide anything (Policy's).
public enum HardwareProbe {
    public struct Options: Sendable {
        /// The root every path hangs from: `/` on a board, a fixture tree in tests.
        public var root: String
        public var profiles: [BoardProfile]
        public var reader: any FileSystemReading
        /// nil chooses: `<root>/_cmd/` recordings when present, live tools when root is `/`.
        public var commands: (any CommandRunning)?

        public init(root: String = "/", profiles: [BoardProfile], reader: any FileSystemReading = PosixFileReader(),
                    commands: (any CommandRunning)? = nil) {
            self.root = root
            self.profiles = profiles
            self.reader = reader
            self.commands = commands
        }
    }

    public static func probe(_ options: Options) throws(ProbeError) -> HardwareInfo {
        guard let resolved = options.reader.resolvingSymlinks(atPath: options.root) else {
            throw .rootNotFound(options.root)
        }
        guard (try? options.reader.listDirectory(atPath: resolved)) != nil else { throw .rootNotDirectory(options.root) }
        let root = SysfsRoot(resolvedPath: resolved)
        let session = ProbeSession(root: root, reader: options.reader)
        let commands = options.commands ?? defaultCommands(root: root, reader: options.reader)

        var info = HardwareInfo()
        DeviceTree.read(session, into: &info)
        let cpuBoardLines = CPUTopology.read(session, into: &info)
        ProcMeminfo.read(session, into: &info)
        ClassDMI.read(session, into: &info)
        NvTegraRelease.read(session, into: &info)
        info.kernelRelease = session.text("proc/sys/kernel/osrelease")
        BoardIdentification.identify(&info, cpuBoardLines: cpuBoardLines)

        info.gpus = ClassDevfreq.read(session)
        info.thermal = ClassThermal.read(session)
        info.rails = ClassHwmon.read(session) + BusIIOIna3221x.read(session) + ClassPowercap.read(session)
            + ClassPowerSupply.read(session)
        if info.board.family == "raspberry-pi" { info.rails += VcgencmdPMIC.read(session, commands: commands) }
        if info.board.family == "jetson" { info.powerModeInfo = Nvpmodel.read(session, commands: commands) }

        let (choice, matchWarnings) = ProfileMatcher.match(info, among: options.profiles)
        matchWarnings.forEach(session.warn)
        apply(choice, to: &info, session)
        info.warnings = session.warnings
        info.unreadable = session.unreadable
        return info
    }

    private static func apply(_ choice: ProfileMatcher.Choice?, to info: inout HardwareInfo, _ session: ProbeSession) {
        let profile = choice?.profile
        info.profile = profile?.id
        info.profileMatch = choice?.reason
        info.defaultBudgetWatts = profile?.defaultBudgetWatts
        RailRoles.apply(profile, to: &info, warn: session.warn)
        CPUTopology.markBig(&info.clusters, bigCoreNames: profile?.bigCores ?? [])
        if var mode = info.powerModeInfo {
            let listed = profile?.powerModes.first { $0.name == mode.name }
            mode.nominalWatts = listed?.watts ?? mode.name.wholeMatch(of: /(?:MODE_)?(\d+)W(?:_.*)?/).flatMap { Double($0.1) }
            if listed == nil, let profile { session.warn("power mode '\(mode.name)' is not in profile \(profile.id)") }
            info.powerMode = mode.name
            info.powerModeInfo = mode
        }
    }

    static func defaultCommands(root: SysfsRoot, reader: any FileSystemReading) -> any CommandRunning {
        let recorded = root.absolute("_cmd")
        if reader.exists(atPath: recorded) { return RecordedCommands(directory: recorded, reader: reader) }
        return root.path.isEmpty ? LiveCommands() : NoCommands()
    }
}
