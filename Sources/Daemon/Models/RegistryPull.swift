import Basics
import Engine
import Foundation
import Registry
import Variants

/// A model published as a signed manifest: pulled into the daemon's model store (signature and
/// digests checked, resumable, the last `keep` versions kept), its derivable variants built
/// here, its installed variants served as files.
struct RegistryPull: Sendable {
    let config: DaemonConfig
    let device: DeviceCapabilities
    let options: Compiler.Options
    let log: @Sendable (String) -> Void

    func store() throws -> ModelStore { try ModelStore(root: config.modelStoreDirectory) }

    /// Pulls the manifest; the version installed by it, or nil when it was installed already.
    func pull(_ model: DaemonConfig.Model) throws -> InstalledVersion? {
        guard let manifest = model.manifest, let url = URL(string: manifest) else { return nil }
        var settings = FetchSettings()
        settings.caBundle = config.registry.caBundle
        let store = try store()
        var puller = Puller(fetcher: Fetcher(settings: settings), store: store, keys: try TrustedKeys(directory: config.registry.keys), device: device)
        puller.keep = config.registry.keep
        puller.activate = false  // a new version serves only once measured and promoted
        puller.log = log
        let report = try puller.pull(url)
        guard !report.alreadyInstalled else { return nil }
        return try ManifestDerivation.derive(report, store: store, options: options, log: log)
    }

    /// The version to serve at start: pulled now, or — when the registry cannot be reached — the
    /// one already active in the store (said in the log).
    func current(_ model: DaemonConfig.Model) throws -> InstalledVersion {
        do {
            if let installed = try pull(model) { return installed }
        } catch {
            log("\(model.name): pull failed (\(error)); serving what is installed")
        }
        let store = try store()
        let name = try manifestName(model, store: store)
        return try store.installed(name)
    }

    /// The store's name of the model (the manifest's `name`), from the newest installed record
    /// whose manifest came from this URL.
    private func manifestName(_ model: DaemonConfig.Model, store: ModelStore) throws -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: config.modelStoreDirectory + "/refs")) ?? []
        let last = URL(string: model.manifest ?? "")?.deletingPathExtension().lastPathComponent
        guard let name = names.first(where: { $0 == last }) ?? (names.count == 1 ? names.first : nil) else {
            throw DaemonError(.startup, "model '\(model.name)': nothing installed from \(model.manifest ?? "") and the registry cannot be reached")
        }
        return name
    }

    /// An installed version's variants as the files to measure (FP32 first).
    static func prepared(_ version: InstalledVersion, store: ModelStore, name: String) -> PreparedModel {
        let variants = version.variants.sorted { ($0.precision ?? .fp32) < ($1.precision ?? .fp32) }
        return PreparedModel(name: name, files: variants.map { (label: $0.id, path: store.blobPath($0.sha256)) }, version: version.version,
                             manifestName: version.name)
    }

    /// Makes `version` the one the store serves (a new version was promoted).
    func activate(_ version: Int, name: String) throws {
        let store = try store()
        try store.locked { try store.setActive(name, version: version) }
    }
}
