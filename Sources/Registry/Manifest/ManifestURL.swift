import Foundation

/// The URLs a manifest may name: http, https or file, or a path relative to the manifest's own
/// URL (so a registry folder can be served from anywhere). Anything else is refused.
public enum ManifestURL {
    public static let schemes: Set<String> = ["http", "https", "file"]

    static func check(_ value: String, _ at: String) throws {
        guard (1...2048).contains(value.utf8.count),
              value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else {
            throw RegistryError(.manifest, "\(at): url must be 1–2048 printable ASCII characters without spaces")
        }
        guard let url = URL(string: value) else { throw RegistryError(.manifest, "\(at): '\(value.prefix(80))' is not a URL") }
        if let scheme = url.scheme?.lowercased(), !schemes.contains(scheme) {
            throw RegistryError(.manifest, "\(at): url scheme '\(scheme.prefix(20))' is not allowed (http, https, file, or a relative path)")
        }
    }

    /// `value` resolved against `base` (the manifest's URL).
    public static func resolve(_ value: String, against base: URL) throws -> URL {
        try check(value, "url")
        guard let url = URL(string: value, relativeTo: base)?.absoluteURL,
              let scheme = url.scheme?.lowercased(), schemes.contains(scheme) else {
            throw RegistryError(.manifest, "url '\(value.prefix(80))' does not resolve to an http, https or file URL against \(base.absoluteString)")
        }
        return url
    }
}
