import Foundation

/// Where one kind of report goes: the URL, how to authenticate (a bearer token or
/// `user:password` read from a file at each send, so a rotated secret is picked up and never
/// logged), the CA bundle for TLS verification, and how long a send may take.
public struct Endpoint: Sendable, Equatable {
    public var name: String
    public var url: String
    public var bearerTokenFile: String?
    public var basicAuthFile: String?
    public var caFile: String?
    public var timeoutSeconds: Int

    public init(name: String, url: String, bearerTokenFile: String? = nil, basicAuthFile: String? = nil, caFile: String? = nil,
                timeoutSeconds: Int = 30) throws(FleetError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme), parsed.host != nil else {
            throw FleetError(.config, "\(name): url '\(url.prefix(200))' is not an http or https URL")
        }
        guard bearerTokenFile == nil || basicAuthFile == nil else {
            throw FleetError(.config, "\(name): give bearerTokenFile or basicAuthFile, not both")
        }
        self.name = name
        self.url = url
        self.bearerTokenFile = bearerTokenFile
        self.basicAuthFile = basicAuthFile
        self.caFile = caFile
        self.timeoutSeconds = timeoutSeconds
    }

    /// The URL as logs and status show it: a password in it (`user:pass@host`) replaced by `***`.
    public var displayURL: String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }

    /// The Authorization header, from the secret file (whitespace at the ends removed).
    func authorization() throws(FleetError) -> String? {
        func secret(_ path: String) throws(FleetError) -> String {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw FleetError(.config, "\(name): cannot read the secret file \(path)")
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty, !value.contains("\n"), !value.contains("\r") else {
                throw FleetError(.config, "\(name): the secret file \(path) must hold one non-empty line")
            }
            return value
        }
        if let bearerTokenFile { return "Authorization: Bearer \(try secret(bearerTokenFile))" }
        if let basicAuthFile {
            let pair = try secret(basicAuthFile)
            guard pair.contains(":") else { throw FleetError(.config, "\(name): \(basicAuthFile) must hold user:password") }
            return "Authorization: Basic \(Data(pair.utf8).base64EncodedString())"
        }
        return nil
    }
}
