import Foundation

extension ModelStore {
    public struct Collected: Sendable, Equatable {
        public var versions: [String] = []
        public var blobs = 0
        public var bytes: Int64 = 0
        public var partials = 0
    }

    /// Keeps the newest `keep` versions of every model and always the active one; then, while
    /// blobs take more than `quotaBytes`, drops the oldest inactive versions; deletes every blob
    /// no remaining version references; with `partials`, also the downloads an interrupted pull
    /// left to resume. Call it holding the lock.
    public func collect(keep: Int, quotaBytes: Int64? = nil, partials: Bool = false) throws -> Collected {
        var result = Collected()
        if partials {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: root + "/partial")) ?? [] {
                let path = "\(root)/partial/\(name)"
                if !name.hasSuffix(".validator") {
                    result.bytes += (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
                    result.partials += 1
                }
                guard unlink(path) == 0 else { throw DurableFile.failure("delete \(path)") }
            }
        }
        var remaining: [String: [InstalledVersion]] = [:]
        for name in try models() {
            let versions = try self.versions(name)
            let active = self.active(name)
            let kept = Set(versions.suffix(max(1, keep)).map(\.version) + (active.map { [$0] } ?? []))
            for version in versions where !kept.contains(version.version) {
                removeVersion(name, version.version)
                result.versions.append("\(name) v\(version.version)")
            }
            remaining[name] = versions.filter { kept.contains($0.version) }
        }
        result.blobs += try deleteUnreferenced(remaining, bytes: &result.bytes)
        if let quotaBytes {
            while blobBytes() > quotaBytes {
                // The oldest inactive version of any model goes first.
                let candidates = remaining.flatMap { name, versions in versions.filter { $0.version != active(name) }.map { (name, $0) } }
                guard let (name, oldest) = candidates.min(by: { $0.1.installedAt < $1.1.installedAt }) else { break }
                removeVersion(name, oldest.version)
                remaining[name]?.removeAll { $0.version == oldest.version }
                result.versions.append("\(name) v\(oldest.version)")
                result.blobs += try deleteUnreferenced(remaining, bytes: &result.bytes)
            }
        }
        return result
    }

    private func deleteUnreferenced(_ remaining: [String: [InstalledVersion]], bytes: inout Int64) throws -> Int {
        let referenced = Set(remaining.values.flatMap { $0.flatMap { $0.blobs.map(\.sha256) } })
        var deleted = 0
        let base = root + "/blobs/sha256"
        for prefix in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] {
            for rest in (try? FileManager.default.contentsOfDirectory(atPath: "\(base)/\(prefix)")) ?? [] where !referenced.contains(prefix + rest) {
                let path = "\(base)/\(prefix)/\(rest)"
                bytes += (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
                guard unlink(path) == 0 else { throw DurableFile.failure("delete \(path)") }
                deleted += 1
            }
        }
        return deleted
    }

    /// Makes `version` (default: the newest installed one older than the active) active again.
    public func rollback(_ name: String, to version: Int? = nil) throws -> InstalledVersion {
        let versions = try self.versions(name)
        guard let current = active(name) else { throw RegistryError(.notFound, "\(name): no active version in \(root)") }
        let target: InstalledVersion
        if let version {
            target = try installed(name, version: version)
        } else {
            guard let older = versions.last(where: { $0.version < current }) else {
                throw RegistryError(.notFound, "\(name): nothing older than the active v\(current) is installed to roll back to")
            }
            target = older
        }
        for blob in target.blobs where !hasBlob(blob.sha256, size: blob.size) {
            throw RegistryError(.store, "\(name) v\(target.version): blob \(blob.sha256) of '\(blob.id)' is missing; pull that version again")
        }
        try setActive(name, version: target.version)
        return target
    }
}
