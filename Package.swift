// swift-tools-version: 6.2
// 6.2 because swift-service-lifecycle 2.13, swift-prometheus 2.4 and hummingbird 2.28 declare it
// (../shared/TOOLCHAIN.md §Gotchas): a Jetson toolchain must therefore be Swift ≥ 6.2.

import PackageDescription

/// Swift settings shared by every Swift target.
let swiftSettings: [SwiftSetting] = [
    // SE-0335: spell existential types `any P`, so protocol costs are visible at the use site.
    .enableUpcomingFeature("ExistentialAny"),
    // SE-0444: a file sees members only of the modules it imports itself.
    .enableUpcomingFeature("MemberImportVisibility"),
]
/// The engine's reference loops (the oracle, and the path for ops without a kernel) are
/// optimised in debug builds too, so tests over real eval data finish in CI time.
let engineSettings = swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "EdgePilot",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "edgepilot", targets: ["CLI"]),
        .executable(name: "edgepilotd", targets: ["EdgePilotD"]),
        .library(name: "Probe", targets: ["Probe"]),
        .library(name: "Energy", targets: ["Energy"]),  // for Benchmarks/
    ],
    // The dependency set for the whole product is chosen in README "Dependencies"; each package
    // is declared here when the module that uses it lands (SwiftPM warns on unused ones).
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Without its default traits: no swift-configuration (TOOLCHAIN.md §3, about 18 s less to build).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // 0 — value types every stage shares (Precision).
        .target(name: "Basics", swiftSettings: swiftSettings),
        // 0 — system C libraries, found with pkg-config (apt packages in `make deps`).
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CSnappy", path: "Sources/CSnappy", pkgConfig: "snappy",
            providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(
            name: "CEngineBLAS", path: "Sources/CEngineBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),

        // 1 — Probe: what board is this?
        .target(
            name: "Probe",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),

        .target(name: "CFileSync", path: "Sources/CFileSync"),
        // 2 — Registry: signed manifests, verified resumable pulls, the content-addressed model store.
        .target(
            name: "Registry",
            dependencies: ["Basics", "CCurl", "CFileSync", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),

        // 3 — Engine: import, passes, kernels, compile, run.
        .target(name: "EngineIR", swiftSettings: engineSettings),
        .target(
            name: "EngineONNX",
            dependencies: ["EngineIR", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: swiftSettings),
        .target(
            name: "Engine",
            dependencies: ["EngineIR", "CEngineKernels", "CEngineBLAS", "CThreadPool"],
            swiftSettings: engineSettings),
        .target(name: "CThreadPool", cSettings: [.unsafeFlags(["-O2"])]),
        .target(
            name: "CEngineKernels",
            cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])]),
        // 3 — Variants: model files, the one variant builder (FP16, INT8), samples and eval sets,
        // the host CPU's kernel level, manifest-derived variants.
        .target(
            name: "Variants",
            dependencies: ["Basics", "Probe", "Registry", "Engine", "EngineIR", "EngineONNX", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),

        // 4 — Energy: rail sources, the sampler thread, windows with uncertainty, the simulated rail.
        .target(name: "Energy", dependencies: ["Probe"], swiftSettings: swiftSettings),

        // 5 — Bench: the benchmark protocol, latency histograms, energy per inference, conditions.
        .target(
            name: "Bench",
            dependencies: ["Energy", "Probe", .product(name: "Histogram", package: "hdrhistogram-swift")],
            swiftSettings: swiftSettings),

        // 6 — Store: the results database (SQLite through GRDB: WAL, numbered migrations).
        .target(
            name: "Store",
            dependencies: ["Basics", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),

        // 6 — Measure: measurement sessions (energy source, variants, protocol, stored runs).
        .target(
            name: "Measure",
            dependencies: ["Basics", "Probe", "Engine", "EngineIR", "Variants", "Energy", "Bench", "Store"],
            swiftSettings: swiftSettings),

        // 7 — Policy: the pure choice of a candidate under budgets, and the decision-quality simulator.
        .target(name: "Policy", dependencies: ["Basics"], swiftSettings: swiftSettings),
        // 7 — Agent: between the store and the policy (candidates from runs, decisions as records).
        .target(name: "Agent", dependencies: ["Basics", "Probe", "Store", "Bench", "Measure", "Policy"], swiftSettings: swiftSettings),

        // 7 — Fleet: metrics (Prometheus exposition), the outbox's senders (remote-write, NDJSON
        // events) with their delivery rules.
        .target(
            name: "Fleet",
            dependencies: ["Basics", "Store", "CCurl", "CSnappy", .product(name: "Prometheus", package: "swift-prometheus")],
            swiftSettings: swiftSettings),

        // 8 — the executables: they only wire library modules together.
        .executableTarget(
            name: "CLI",
            dependencies: [
                "Basics", "Probe", "Registry", "Engine", "EngineIR", "EngineONNX", "Variants", "Energy", "Bench", "Store", "Measure",
                "Policy", "Agent", "Daemon", "CCurl", "CSQLite", "CEngineBLAS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        // 7 — Daemon: the agent's services (config, sampler, models, measurement, policy loop,
        // inference serving with hot switch, the control API on a Unix socket, systemd notify).
        .target(
            name: "Daemon",
            dependencies: [
                "Basics", "Probe", "Registry", "Engine", "EngineIR", "Variants", "Energy", "Bench", "Store", "Measure", "Policy", "Agent",
                "Fleet",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "EdgePilotD",
            dependencies: [
                "Daemon", "Probe", .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        .testTarget(
            name: "ProbeTests", dependencies: ["Probe"],
            swiftSettings: swiftSettings),
        // A fault-injecting HTTP server on 127.0.0.1 for the registry's and the CLI's tests.
        .target(name: "FaultServer", path: "Tests/FaultServer", swiftSettings: swiftSettings),
        .testTarget(
            name: "RegistryTests", dependencies: ["Registry", "Basics", "FaultServer", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "StoreTests", dependencies: ["Store", "Basics", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "BenchTests", dependencies: ["Bench", "Energy", "Probe"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "EnergyTests", dependencies: ["Energy", "Probe"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "EngineTests",
            dependencies: ["Engine", "EngineIR", "EngineONNX", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "VariantsTests",
            dependencies: ["Variants", "Basics", "Engine", "EngineIR", "Probe", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MeasureTests", dependencies: ["Measure", "Basics", "Bench", "Energy", "Engine", "Probe", "Store"],
            swiftSettings: swiftSettings),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "Basics"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DaemonTests", dependencies: ["Daemon", "Basics", "Engine", "Fleet", "Measure", "Policy", "Probe", "Store", "Variants"],
            swiftSettings: swiftSettings),
        .testTarget(name: "FleetTests", dependencies: ["Fleet", "Store", "CSnappy", "FaultServer"], swiftSettings: swiftSettings),
        .testTarget(name: "AgentTests", dependencies: ["Agent", "Basics", "Policy", "Probe", "Store"], swiftSettings: swiftSettings),
        // Runs the built executables as an operator would; depending on them builds them first.
        .testTarget(
            name: "CLITests", dependencies: ["CLI", "EdgePilotD", "FaultServer"],
            swiftSettings: swiftSettings),
    ]
)
