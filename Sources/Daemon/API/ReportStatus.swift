import Foundation
import Store

/// `GET /v1/report`: where reports go, the outbox's backlog, and each endpoint's last success and
/// failure (`edgepilot report status`). Secrets never appear: only the endpoints' URLs.
public struct ReportStatus: Codable, Sendable {
    public struct Target: Codable, Sendable {
        public var name: String
        public var url: String
    }

    public var device: String
    public var metricsAddress: String?
    public var sampleSeconds: Double
    public var targets: [Target]
    public var outbox: OutboxStatus
}
