import Basics
import Foundation

/// What one pull installed: the store's record of a model version (refs/NAME/VERSION.json).
public struct InstalledVersion: Codable, Equatable, Sendable {
    public var name: String
    public var version: Int
    public var installedAt: Date
    /// The key that signed the manifest, and the manifest's digest (manifests/NAME/VERSION.json).
    public var keyID: String
    public var manifestSHA256: String
    public var variants: [Blob]
    public var data: [Blob]
    /// Variants this board cannot run or that are built on the device, each with the reason.
    public var skipped: [Skipped]

    public struct Blob: Codable, Equatable, Sendable {
        public var id: String
        /// nil for data blobs.
        public var precision: Precision?
        public var sha256: String
        public var size: Int64
        /// For a variant built on this device: the variant it was built from.
        public var derivedFrom: String?

        public init(id: String, precision: Precision?, sha256: String, size: Int64, derivedFrom: String? = nil) {
            self.id = id
            self.precision = precision
            self.sha256 = sha256
            self.size = size
            self.derivedFrom = derivedFrom
        }
    }

    public struct Skipped: Codable, Equatable, Sendable {
        public var id: String
        public var reason: String
    }

    public var blobs: [Blob] { variants + data }
}
