import Basics
import Engine
import Fleet
import Measure
import Policy

/// `edgepilotd`'s configuration (`/etc/edgepilot/config.yaml`; docs/config.md documents every
/// key). Relative paths are relative to the config file's directory.
public struct DaemonConfig: Sendable, Equatable {
    public struct Model: Sendable, Equatable {
        public var name: String
        /// Variant files on this device; the first FP32 one is what variants are built from.
        public var files: [String]
        /// Or a signed manifest to pull (http, https or file URL): its variants, and the derivable
        /// ones built here, are the files.
        public var manifest: String?
        /// Variants to build here from the FP32 file.
        public var derive: [Precision]
        /// INT8 calibration samples and the eval set (top-1, agreement), as `bench` takes them.
        public var calibration: String?
        public var eval: String?
        /// Input shapes for inputs symbolic beyond the batch (`x: [1, 3, 48, 192]`).
        public var shapes: [String: [Int]]
    }

    /// The power budget: watts, or a daily schedule of watts from a local time of day.
    public struct Budget: Sendable, Equatable {
        public var watts: Double
        /// (minute of the day, watts), sorted; empty: `watts` all day.
        public var schedule: [(minute: Int, watts: Double)]

        /// The budget at `minute` of the local day (the last entry before it, wrapping from the day before).
        public func watts(atMinute minute: Int) -> Double {
            guard let last = schedule.last else { return watts }
            return schedule.last(where: { $0.minute <= minute })?.watts ?? last.watts
        }

        public static func == (a: Budget, b: Budget) -> Bool {
            a.watts == b.watts && a.schedule.map(\.minute) == b.schedule.map(\.minute) && a.schedule.map(\.watts) == b.schedule.map(\.watts)
        }
    }

    public var boardRoot = "/"
    public var profiles: String?
    public var stateDirectory = "/var/lib/edgepilot"
    public var socket = "/run/edgepilot/edgepilot.sock"
    /// The group whose members may use the socket besides root (nil: root and the daemon's user only).
    public var socketGroup: String? = "edgepilot"
    /// Where manifests are pulled from and how: trusted keys, the pull interval, versions kept,
    /// and how much worse a new version may be before it is refused (rolled back).
    public struct Registry: Sendable, Equatable {
        public var keys = "/etc/edgepilot/keys"
        /// 0: pull at start only.
        public var pullIntervalSeconds = 3600.0
        public var pullJitterSeconds = 300.0
        public var keep = 3
        public var caBundle: String?
        public var margins = Promotion.Margins()
    }

    public var registry = Registry()
    public var budget = Budget(watts: 10, schedule: [])
    public var sloP99Ms: Double?
    public var maxAccuracyDropPoints: Double?
    public var allowPowerModeSwitching = false
    /// How power modes are set and which are measured (Jetson boards; used only when switching is allowed).
    public struct Nvpmodel: Sendable, Equatable {
        /// The tool and any leading arguments; `-m <id>` is appended.
        public var command = ["/usr/sbin/nvpmodel"]
        public var timeoutSeconds = 20.0
        /// Modes to measure candidates in; nil: every mode both the profile (not needing a reboot)
        /// and the board's nvpmodel.conf list.
        public var measureModes: [String]?
        /// After a failed switch, no other is tried for this long.
        public var retrySeconds = 600.0
    }

    public var nvpmodel = Nvpmodel()
    /// Thread counts each variant is measured (and may run) at.
    public var threads = [1]
    /// The kernel ISA level to run (nil: the best this CPU has).
    public var kernels: ISALevel?
    /// The bench protocol's minimum timed seconds per candidate, and idle seconds before it.
    public var measureSeconds = 3.0
    public var idleSeconds = 1.0
    public var policyIntervalSeconds = 1.0
    /// Requests waiting per model; one more gets 503 with Retry-After.
    public var queueLimit = 64
    public var models: [Model] = []
    /// Demos and tests only: the board's total INA3221 rail simulated in a copy of `boardRoot`.
    public var simulatePower: SimulatedPower?
    /// Demos and tests only: what the simulated rail draws in a power mode other than the one
    /// `simulatePower` stands for (a simulated board whose modes differ).
    public var simulatePowerModes: [String: SimulatedPower] = [:]

    /// A TCP address to listen on.
    public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// Fleet reporting: `/metrics`, and the outbox's senders.
    public struct Report: Sendable, Equatable {
        /// `/metrics` on this TCP address; nil: off. Loopback by default: other hosts get the
        /// numbers through remote-write.
        public var metrics: ListenAddress? = ListenAddress(host: "127.0.0.1", port: 9464)
        /// The `device` label on every series and event; nil: /etc/machine-id.
        public var deviceId: String?
        /// How often a metrics snapshot is queued for remote-write (and senders woken).
        public var sampleSeconds = 15.0
        /// Outbox bounds per kind: bytes of payload, and age.
        public var outboxMaxBytes = 64 << 20
        public var outboxMaxAgeHours = 72.0
        public var remoteWrite: Endpoint?
        public var events: Endpoint?
    }

    public var report = Report()

    public init() {}

    /// The results database: runs and decisions.
    public var databasePath: String { stateDirectory + "/results.db" }
    /// Where variants built here are written.
    public var variantsDirectory: String { stateDirectory + "/variants" }
    /// The model store pulled manifests install into.
    public var modelStoreDirectory: String { stateDirectory + "/models" }
}
