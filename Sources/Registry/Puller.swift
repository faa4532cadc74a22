import Foundation

/// Registry — stage 2: pull a signed manifest, verify it, download what this board can run into
/// the content-addressed store, make the new version active and keep the old ones for rollback.
/// It trusts nothing it fetched until the signature and digests say so, and changes nothing the
/// operator has until a version is complete.
public struct Puller: Sendable {
    public var fetcher: Fetcher
    public var store: ModelStore
    public var keys: TrustedKeys
    public var device: DeviceCapabilities
    /// Versions kept per model (the active one always).
    public var keep = 3
    public var quotaBytes: Int64?
    public var allowDowngrade = false
    /// Whether a new version becomes active when installed (and an installed one pulled again
    /// after a rollback becomes active again). The daemon sets it false: a new version is a
    /// candidate it measures before making it active; the first version of a model is always active.
    public var activate = true
    public var log: @Sendable (String) -> Void = { _ in }

    public init(fetcher: Fetcher, store: ModelStore, keys: TrustedKeys, device: DeviceCapabilities) {
        self.fetcher = fetcher
        self.store = store
        self.keys = keys
        self.device = device
    }

    public struct Report: Sendable {
        public var manifest: Manifest
        public var installed: InstalledVersion
        /// Bytes fetched now, and blobs that were already in the store.
        public var downloadedBytes: Int64
        public var reusedBlobs: Int
        public var alreadyInstalled: Bool
        public var collected: ModelStore.Collected
    }

    public func pull(_ manifestURL: URL, now: Date = Date()) throws -> Report {
        let source = manifestURL.absoluteString
        guard let bytes = try fetcher.data(manifestURL, limit: Manifest.maxBytes) else {
            throw RegistryError(.fetch, "\(source): not found")
        }
        let signatureURL = URL(string: source + ".sig")!
        let signature = try fetcher.data(signatureURL, limit: 4096, missingIsNil: true)
        let keyID = try keys.verify(manifest: bytes, signature: signature, source: source)
        let manifest = try Manifest.parse(bytes, now: now)
        log("manifest \(manifest.name) v\(manifest.version) signed by key \(keyID)")
        return try store.locked {
            let digest = RunningDigest.hex(of: bytes)
            let installed = try store.versions(manifest.name)
            if let same = installed.first(where: { $0.version == manifest.version }) {
                guard same.manifestSHA256 == digest else {
                    throw RegistryError(.manifest, "\(manifest.name) v\(manifest.version) is installed with different content; a publisher must raise the version")
                }
                if same.blobs.allSatisfy({ store.hasBlob($0.sha256, size: $0.size) }) {
                    if activate && store.active(manifest.name) != manifest.version {  // pulled again after a rollback
                        try checkDowngrade(manifest, installed)
                        try store.setActive(manifest.name, version: manifest.version)
                    }
                    return Report(manifest: manifest, installed: same, downloadedBytes: 0, reusedBlobs: same.blobs.count, alreadyInstalled: true, collected: .init())
                }
            }
            try checkDowngrade(manifest, installed)
            let (record, wanted) = try plan(manifest, from: manifestURL, keyID: keyID, digest: digest, now: now)
            var seen = Set<String>()
            let missing = wanted.filter { !store.hasBlob($0.blob.sha256, size: $0.blob.size) && seen.insert($0.blob.sha256).inserted }
            try checkQuota(needed: missing.reduce(0) { $0 + $1.blob.size })
            var downloaded: Int64 = 0
            for (index, item) in missing.enumerated() {
                log("fetching \(item.blob.id) (\(index + 1)/\(missing.count), \(item.blob.size) bytes) from \(item.url.absoluteString)")
                let digest = try fetcher.file(item.url, to: store.partialPath(item.blob.sha256), size: item.blob.size)
                try store.commitPartial(item.blob.sha256, size: item.blob.size, digest: digest, source: "\(manifest.name) '\(item.blob.id)' from \(item.url.absoluteString)")
                downloaded += item.blob.size
            }
            try store.record(record, manifest: bytes, signature: signature ?? Data())
            if activate || store.active(manifest.name) == nil { try store.setActive(manifest.name, version: manifest.version) }
            let collected = try store.collect(keep: keep, quotaBytes: quotaBytes)
            return Report(manifest: manifest, installed: record, downloadedBytes: downloaded, reusedBlobs: wanted.count - missing.count, alreadyInstalled: false,
                          collected: collected)
        }
    }

    /// What this board installs of `manifest`: its runnable variants and the data, each with its
    /// URL, and the record listing them and every variant skipped with the reason.
    private func plan(_ manifest: Manifest, from manifestURL: URL, keyID: String, digest: String, now: Date) throws
        -> (InstalledVersion, [(blob: InstalledVersion.Blob, url: URL)]) {
        var record = InstalledVersion(name: manifest.name, version: manifest.version, installedAt: now, keyID: keyID, manifestSHA256: digest,
                                      variants: [], data: [], skipped: [])
        var wanted: [(blob: InstalledVersion.Blob, url: URL)] = []
        for variant in manifest.variants {
            if let derive = variant.derive {
                record.skipped.append(.init(id: variant.id, reason: "derivable: built on the device from '\(derive.from)' (edgepilot quantize)"))
            } else if let refusal = device.refusal(variant.requires) {
                record.skipped.append(.init(id: variant.id, reason: refusal))
            } else {
                let blob = InstalledVersion.Blob(id: variant.id, precision: variant.precision, sha256: variant.sha256!, size: variant.size!)
                record.variants.append(blob)
                wanted.append((blob, try ManifestURL.resolve(variant.url!, against: manifestURL)))
            }
        }
        guard !record.variants.isEmpty else {
            throw RegistryError(.manifest, "\(manifest.name) v\(manifest.version): no variant this board can run (\(record.skipped.map { "\($0.id): \($0.reason)" }.joined(separator: "; ")))")
        }
        for entry in manifest.data ?? [] {
            let blob = InstalledVersion.Blob(id: entry.id, precision: nil, sha256: entry.sha256, size: entry.size)
            record.data.append(blob)
            wanted.append((blob, try ManifestURL.resolve(entry.url, against: manifestURL)))
        }
        return (record, wanted)
    }

    private func checkDowngrade(_ manifest: Manifest, _ installed: [InstalledVersion]) throws {
        guard !allowDowngrade, let newest = installed.map(\.version).max(), manifest.version < newest else { return }
        throw RegistryError(.downgrade, "\(manifest.name) v\(manifest.version) is older than the installed v\(newest); refusing a downgrade (use --allow-downgrade or `edgepilot models rollback`)")
    }

    /// Old versions are collected first to make room; the active one is never removed for it.
    private func checkQuota(needed: Int64) throws {
        guard let quotaBytes, needed > 0 else { return }
        if store.blobBytes() + needed > quotaBytes { _ = try store.collect(keep: keep, quotaBytes: max(0, quotaBytes - needed)) }
        let used = store.blobBytes()
        guard used + needed <= quotaBytes else {
            throw RegistryError(.quota, "needs \(needed) more bytes; the store holds \(used) of its \(quotaBytes)-byte quota (active versions are never removed)")
        }
    }
}
