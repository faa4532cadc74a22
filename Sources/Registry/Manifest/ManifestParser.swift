import Basics
import Foundation

extension Manifest {
    /// Manifests larger than this are refused before parsing.
    public static let maxBytes = 1 << 20
    /// No single blob may claim more than this (64 GiB).
    public static let maxBlobBytes: Int64 = 64 << 30

    /// Decodes and checks a manifest: schema version, safe names and ids, sizes, hex digests,
    /// URL schemes, variant references, timestamps. `now` decides expiry.
    public static func parse(_ bytes: Data, now: Date = Date()) throws -> Manifest {
        guard bytes.count <= maxBytes else {
            throw RegistryError(.manifest, "manifest is \(bytes.count) bytes; at most \(maxBytes) are accepted")
        }
        struct Header: Decodable { var schemaVersion: Int? }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: bytes)
        } catch {
            throw RegistryError(.manifest, "manifest is not a JSON object: \(describe(error))")
        }
        guard let schema = header.schemaVersion else { throw RegistryError(.manifest, "manifest has no schemaVersion") }
        guard schema == 1 else { throw RegistryError(.manifest, "unknown manifest schemaVersion \(schema) (this EdgePilot reads 1)") }
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: bytes)
        } catch {
            throw RegistryError(.manifest, "manifest: \(describe(error))")
        }
        try manifest.check(now: now)
        return manifest
    }

    func check(now: Date) throws {
        try Self.checkName(name, "name")
        guard (1...(1 << 53)).contains(version) else { throw RegistryError(.manifest, "version \(version): must be an integer from 1 to 2^53") }
        let createdAt = try Self.timestamp(created, "created"), expiresAt = try Self.timestamp(expires, "expires")
        guard expiresAt > createdAt else { throw RegistryError(.manifest, "expires (\(expires)) is not after created (\(created))") }
        guard now < expiresAt else { throw RegistryError(.expired, "manifest \(name) v\(version) expired at \(expires)") }
        guard task.count <= 256 else { throw RegistryError(.manifest, "task: longer than 256 characters") }
        for (field, specs) in [("inputs", inputs), ("outputs", outputs)] {
            guard !specs.isEmpty, specs.count <= 64 else { throw RegistryError(.manifest, "\(field): 1 to 64 entries expected, got \(specs.count)") }
            for (index, spec) in specs.enumerated() { try spec.check("\(field)[\(index)]") }
        }
        guard !variants.isEmpty, variants.count <= 64 else {
            throw RegistryError(.manifest, "variants: 1 to 64 entries expected, got \(variants.count)")
        }
        var ids = Set<String>()
        for variant in variants {
            try Self.checkName(variant.id, "variant id")
            guard ids.insert(variant.id).inserted else { throw RegistryError(.manifest, "duplicate variant id '\(variant.id)'") }
        }
        var dataIDs = Set<String>()
        for entry in data ?? [] {
            let at = "data '\(entry.id)'"
            try Self.checkName(entry.id, "data id")
            guard dataIDs.insert(entry.id).inserted else { throw RegistryError(.manifest, "duplicate data id '\(entry.id)'") }
            try ManifestURL.check(entry.url, at)
            try Self.checkBlob(size: entry.size, sha256: entry.sha256, at)
            guard ["edgepilot-samples", "edgepilot-eval"].contains(entry.format) else {
                throw RegistryError(.manifest, "\(at): unknown format '\(entry.format.prefix(40))' (edgepilot-samples or edgepilot-eval)")
            }
        }
        for variant in variants { try check(variant, dataIDs: dataIDs) }
    }

    private func check(_ variant: Variant, dataIDs: Set<String>) throws {
        let at = "variant '\(variant.id)'"
        guard (variant.format ?? "onnx") == "onnx" else { throw RegistryError(.manifest, "\(at): format '\(variant.format!.prefix(40))' (only onnx)") }
        if let derive = variant.derive {
            guard variant.url == nil, variant.size == nil, variant.sha256 == nil else {
                throw RegistryError(.manifest, "\(at): a derivable variant has no url, size or sha256")
            }
            guard let base = variants.first(where: { $0.id == derive.from }), base.isDownloadable else {
                throw RegistryError(.manifest, "\(at): derive.from '\(derive.from.prefix(64))' is not a downloadable variant of this manifest")
            }
            guard base.precision == .fp32, variant.precision != .fp32 else {
                throw RegistryError(.manifest, "\(at): only fp16 and int8 variants are derived, from an fp32 one")
            }
            if variant.precision == .int8 {
                guard let calibration = derive.calibration, dataIDs.contains(calibration),
                      data?.first(where: { $0.id == calibration })?.role == .calibration else {
                    throw RegistryError(.manifest, "\(at): an int8 derivation needs derive.calibration naming a data entry with role calibration")
                }
            }
            return
        }
        guard let url = variant.url, let size = variant.size, let sha256 = variant.sha256 else {
            throw RegistryError(.manifest, "\(at): a downloadable variant needs url, size and sha256 (or derive)")
        }
        try ManifestURL.check(url, at)
        try Self.checkBlob(size: size, sha256: sha256, at)
        if let memory = variant.requires?.memoryBytes, memory < 0 { throw RegistryError(.manifest, "\(at): requires.memoryBytes is negative") }
        for word in (variant.requires?.arch ?? []) + (variant.requires?.isa ?? []) {
            guard (1...64).contains(word.count), word.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw RegistryError(.manifest, "\(at): requirement '\(word.prefix(64))' is not an arch or feature name")
            }
        }
    }

    /// Names and ids become file names in the store: letters, digits, `.`, `_`, `-`, starting
    /// with a letter or digit, at most 128 characters, never `..`.
    static func checkName(_ value: String, _ field: String) throws {
        let allowed = value.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
        guard (1...128).contains(value.count), allowed, value.first.map({ $0.isLetter || $0.isNumber }) == true, !value.contains("..") else {
            throw RegistryError(.manifest, "\(field) '\(value.prefix(64).debugDescription.dropFirst().dropLast())': letters, digits, '.', '_' and '-' only (1–128, no '..', no '/')")
        }
    }

    static func checkBlob(size: Int64, sha256: String, _ at: String) throws {
        guard size > 0, size <= maxBlobBytes else { throw RegistryError(.manifest, "\(at): size \(size) is not in 1…\(maxBlobBytes) bytes") }
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw RegistryError(.manifest, "\(at): sha256 '\(sha256.prefix(80))' is not 64 lowercase hex digits")
        }
    }

    static func timestamp(_ value: String, _ field: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: value) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: value) { return date }
        throw RegistryError(.manifest, "\(field) '\(value.prefix(40))' is not an ISO 8601 timestamp such as 2026-12-01T00:00:00Z")
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

extension Manifest.TensorSpec {
    static let dtypes: Set<String> = ["float32", "float16", "int8", "uint8", "int32", "int64", "bool"]

    func check(_ at: String) throws {
        guard (1...256).contains(name.count) else { throw RegistryError(.manifest, "\(at).name: 1 to 256 characters") }
        guard shape.count <= 8, shape.allSatisfy({ $0 >= -1 && $0 <= 1 << 24 }) else {
            throw RegistryError(.manifest, "\(at).shape \(shape.prefix(9)): at most 8 dimensions, each -1 (dynamic) or 0…2^24")
        }
        guard Self.dtypes.contains(dtype) else { throw RegistryError(.manifest, "\(at).dtype '\(dtype.prefix(20))' (one of \(Self.dtypes.sorted().joined(separator: ", ")))") }
        guard (preprocessing?.count ?? 0) <= 1024 else { throw RegistryError(.manifest, "\(at).preprocessing: longer than 1024 characters") }
    }
}
