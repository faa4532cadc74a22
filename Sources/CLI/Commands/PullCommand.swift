import ArgumentParser
import Basics
import Foundation
import Registry
import Variants

/// `edgepilot pull MANIFEST_URL`: fetch the manifest and its `.sig`, verify against the trusted
/// keys, download what this board can run into the store, activate the new version.
struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Pull a signed model manifest and the variants this board can run into the model store.",
        discussion: """
            The signature is fetched from MANIFEST_URL.sig and must be by a key in --keys. Downloads resume where an \
            earlier pull stopped, retry with backoff (honouring Retry-After), and are installed only once their size and \
            sha256 match. The previous versions stay (--keep) for `edgepilot models rollback`. Proxies come from \
            http_proxy/https_proxy/no_proxy. Exit status 1 on any refusal.
            """)

    @Argument(help: "Manifest URL (http, https, file) or path.") var manifest: String
    @Option(name: .long, help: ArgumentHelp("Directory of trusted public keys (*.pub); $EDGEPILOT_KEYS sets the default.", valueName: "dir"))
    var keys = RegistryCLI.defaultKeys
    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: ArgumentHelp("Bandwidth cap in bytes per second (e.g. 500K, 2M).", valueName: "rate")) var limitRate: String?
    @Option(name: .long, help: "Versions kept per model (the active one always).") var keep = 3
    @Option(name: .long, help: ArgumentHelp("Disk quota for the store's blobs (e.g. 2G).", valueName: "bytes")) var quota: String?
    @Flag(name: .long, help: "Accept a manifest older than the installed version.") var allowDowngrade = false
    @Option(name: .long, help: ArgumentHelp("CA bundle to verify HTTPS servers with (verification is always on).", valueName: "file")) var caBundle: String?
    @Option(name: .long, help: "Attempts per download.") var retries = 6
    @Option(name: .long, help: ArgumentHelp("Read the board's files under this directory (what variants it can run).", valueName: "dir")) var root = "/"
    @OptionGroup var profileOptions: ProfileOptions
    @Flag(name: .long, help: "Build the manifest's derivable variants (FP16, INT8 from the pulled calibration data) on this device.")
    var derive = false
    @OptionGroup var engine: EngineOptions
    @Flag(name: .long, help: "Print what was installed as JSON.") var json = false

    func validate() throws {
        if let limitRate, RegistryCLI.bytes(limitRate).map({ $0 > 0 }) != true { throw ValidationError("--limit-rate: a rate such as 500K or 2M") }
        if let quota, RegistryCLI.bytes(quota).map({ $0 > 0 }) != true { throw ValidationError("--quota: a size such as 500M or 2G") }
        guard keep >= 1 else { throw ValidationError("--keep must be at least 1") }
        guard (1...100).contains(retries) else { throw ValidationError("--retries must be in 1…100") }
        _ = try engine.singleThreadCount()
    }

    func run() throws {
        let board = try profileOptions.probe(root: root)
        // Deriving compiles: kernels for this machine's CPU, OpenBLAS on its kernel (this may
        // re-execute the process, so it comes before anything is done).
        let host = derive ? HostCPU.preparingOpenBLAS(try HostCPU.resolve(board: board, root: root, probeThisMachine: HostCPU.probeThisMachine)) : nil
        let url = try RegistryCLI.url(manifest)
        var settings = FetchSettings()
        settings.attempts = retries
        settings.caBundle = caBundle
        if let limitRate { settings.maxBytesPerSecond = RegistryCLI.bytes(limitRate)! }
        let progress = PullProgress()
        let store = try storeOptions.open()
        var report = try registry {
            var puller = Puller(fetcher: Fetcher(settings: settings, progress: progress.report), store: store,
                                keys: try TrustedKeys(directory: keys), device: DeviceCapabilities(board))
            puller.keep = keep
            puller.quotaBytes = quota.flatMap(RegistryCLI.bytes)
            puller.allowDowngrade = allowDowngrade
            puller.log = { say($0) }
            return try puller.pull(url)
        }
        if let host {
            report.installed = try ManifestDerivation.derive(report, store: store, options: try engine.compilerOptions(host: host), log: say)
        }
        let installed = report.installed
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(installed), as: UTF8.self))
        } else {
            print(report.alreadyInstalled ? "\(installed.name) v\(installed.version) is already installed and active"
                                          : "installed \(installed.name) v\(installed.version) (active); downloaded \(byteCount(report.downloadedBytes)), \(report.reusedBlobs) blob(s) already in the store")
            for blob in installed.variants {
                print("  variant \(blob.id) \(blob.precision?.rawValue ?? "") \(byteCount(blob.size)) sha256:\(blob.sha256.prefix(16))…"
                    + (blob.derivedFrom.map { " (built here from \($0))" } ?? ""))
            }
            for blob in installed.data { print("  data \(blob.id) \(byteCount(blob.size))") }
            for skipped in installed.skipped { print("  skipped \(skipped.id): \(skipped.reason)") }
        }
        if !report.collected.versions.isEmpty {
            say("removed old version(s) \(report.collected.versions.joined(separator: ", ")): \(report.collected.blobs) blob(s), \(byteCount(report.collected.bytes))")
        }
    }
}
