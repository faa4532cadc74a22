// swift-tools-version: 6.2
// Benchmarks, outside CI (ordo-one/benchmark builds for ~1.5 min on 2 cores): `make bench-sampler`,
// or `cd Benchmarks && swift package benchmark`. Needs the MallocInterposer trait (TOOLCHAIN.md).
import PackageDescription

let package = Package(
    name: "EdgePilotBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "EdgePilot", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SamplerOverhead",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Energy", package: "EdgePilot"),
            ],
            path: "Benchmarks/SamplerOverhead",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
