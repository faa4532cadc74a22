import Basics
import Foundation

/// The content-addressed model store under one directory:
///
///     blobs/sha256/<aa>/<rest>      verified blobs, only ever renamed into place
///     partial/<sha256>              downloads in progress (resumed by the next pull)
///     manifests/<name>/<v>.json     the signed manifest bytes as installed (+ .sig)
///     refs/<name>/<v>.json          InstalledVersion records
///     refs/<name>/active            the active version
///     lock                          flock: one writer at a time
///
/// A blob is visible only once its size and sha256 match; every record is written durably
/// (DurableFile), so a crash leaves the previous state or the new one.
public struct ModelStore: Sendable {
    public let root: String

    public init(root: String) throws {
        self.root = root
        for folder in ["blobs/sha256", "partial", "manifests", "refs"] { try DurableFile.makeDirectory(root + "/" + folder) }
    }

    /// Runs `body` holding the store's exclusive lock (another pull or gc waits).
    public func locked<T>(_ body: () throws -> T) throws -> T {
        let fd = open(root + "/lock", O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw DurableFile.failure("open \(root)/lock") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw DurableFile.failure("lock \(root)/lock") }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    public func blobPath(_ sha256: String) -> String {
        "\(root)/blobs/sha256/\(sha256.prefix(2))/\(sha256.dropFirst(2))"
    }

    public func partialPath(_ sha256: String) -> String { "\(root)/partial/\(sha256)" }

    public func hasBlob(_ sha256: String, size: Int64) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: blobPath(sha256))[.size] as? Int64) == size
    }

    /// Checks the partial file's size and its digest (`digest`, computed while it was written)
    /// against the manifest's, fsyncs it and renames it into place. A file that does not match is
    /// deleted (the next pull downloads it again) and refused.
    public func commitPartial(_ sha256: String, size: Int64, digest: String, source: String) throws {
        let partial = partialPath(sha256)
        let fd = open(partial, O_RDONLY)
        guard fd >= 0 else { throw DurableFile.failure("open \(partial)") }
        var info = stat()
        let length = fstat(fd, &info) == 0 ? Int64(info.st_size) : -1
        let synced = fsync(fd) == 0
        close(fd)
        guard length == size, digest == sha256 else {
            unlink(partial)
            unlink(partial + ".validator")
            let what = length != size ? "\(length) bytes, the manifest says \(size)" : "sha256 \(digest), the manifest says \(sha256)"
            throw RegistryError(.integrity, "\(source): \(what); discarded, nothing installed")
        }
        guard synced else { throw DurableFile.failure("fsync \(partial)") }
        let target = blobPath(sha256)
        try DurableFile.makeDirectory((target as NSString).deletingLastPathComponent)
        try DurableFile.rename(partial, to: target)
        unlink(partial + ".validator")
    }

    /// Adds a variant built on this device (`bytes`, e.g. an INT8 file quantized here) to an
    /// installed version: the blob is written durably, then the record lists it instead of
    /// the skipped entry. Call it holding the lock.
    public func addDerived(_ name: String, version: Int, id: String, precision: Precision, from base: String, bytes: Data) throws -> InstalledVersion {
        var record = try installed(name, version: version)
        let sha256 = RunningDigest.hex(of: bytes)
        if !hasBlob(sha256, size: Int64(bytes.count)) { try DurableFile.write(bytes, to: blobPath(sha256)) }  // named by its own digest
        record.variants.removeAll { $0.id == id }
        record.variants.append(.init(id: id, precision: precision, sha256: sha256, size: Int64(bytes.count), derivedFrom: base))
        record.skipped.removeAll { $0.id == id }
        try writeRecord(record)
        return record
    }

    // MARK: records

    public func record(_ version: InstalledVersion, manifest: Data, signature: Data) throws {
        let folder = "\(root)/manifests/\(version.name)"
        try DurableFile.write(signature, to: "\(folder)/\(version.version).json.sig")
        try DurableFile.write(manifest, to: "\(folder)/\(version.version).json")
        try writeRecord(version)
    }

    func writeRecord(_ version: InstalledVersion) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try DurableFile.write(try encoder.encode(version), to: "\(root)/refs/\(version.name)/\(version.version).json")
    }

    public func setActive(_ name: String, version: Int) throws {
        try DurableFile.write(Data("\(version)\n".utf8), to: "\(root)/refs/\(name)/active")
    }

    public func active(_ name: String) -> Int? {
        (try? String(contentsOfFile: "\(root)/refs/\(name)/active", encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    public func models() throws -> [String] {
        do { return try FileManager.default.contentsOfDirectory(atPath: root + "/refs").filter { !$0.hasPrefix(".") }.sorted() } catch {
            throw RegistryError(.store, "cannot list \(root)/refs: \(error.localizedDescription)")
        }
    }

    /// Installed versions of `name`, oldest first.
    public func versions(_ name: String) throws -> [InstalledVersion] {
        let folder = "\(root)/refs/\(name)"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { file in
            guard let data = FileManager.default.contents(atPath: "\(folder)/\(file)") else {
                throw RegistryError(.store, "cannot read \(folder)/\(file)")
            }
            do { return try decoder.decode(InstalledVersion.self, from: data) } catch {
                throw RegistryError(.store, "\(folder)/\(file) is not an installed-version record: \(error.localizedDescription)")
            }
        }.sorted { $0.version < $1.version }
    }

    /// The installed version `version` (or the active one) of `name`, with all its blobs present.
    public func installed(_ name: String, version: Int? = nil) throws -> InstalledVersion {
        let all = try versions(name)
        guard !all.isEmpty else { throw RegistryError(.notFound, "no model '\(name)' in \(root)") }
        guard let wanted = version ?? active(name), let found = all.first(where: { $0.version == wanted }) else {
            throw RegistryError(.notFound, "\(name): version \(version.map(String.init) ?? "active") is not installed (installed: \(all.map { "v\($0.version)" }.joined(separator: ", ")))")
        }
        return found
    }

    func removeVersion(_ name: String, _ version: Int) {
        unlink("\(root)/refs/\(name)/\(version).json")
        unlink("\(root)/manifests/\(name)/\(version).json")
        unlink("\(root)/manifests/\(name)/\(version).json.sig")
    }

    /// Bytes held by blobs.
    public func blobBytes() -> Int64 {
        var total: Int64 = 0
        let enumerator = FileManager.default.enumerator(atPath: root + "/blobs/sha256")
        while enumerator?.nextObject() != nil { total += (enumerator?.fileAttributes?[.size] as? Int64) ?? 0 }
        return total
    }
}
