import Foundation

/// One report waiting in the outbox: `samples` (a metrics snapshot, for remote-write) or `event`
/// (one JSON object, for the events endpoint). Its id orders delivery and is its idempotency key.
public struct OutboxEntry: Sendable, Equatable {
    public var id: Int64
    public var createdAt: Date
    public var kind: String
    public var payload: String

    public init(id: Int64, createdAt: Date, kind: String, payload: String) {
        self.id = id
        self.createdAt = createdAt
        self.kind = kind
        self.payload = payload
    }

    public static let samples = "samples", event = "event"
}

/// What `edgepilot report status` shows: the backlog per kind, what the bounds took, and each
/// endpoint's last success and failure.
public struct OutboxStatus: Sendable, Codable, Equatable {
    public struct Backlog: Sendable, Codable, Equatable {
        public var kind: String
        public var depth: Int
        public var bytes: Int
        public var oldest: Date?
        public var foldedRows: Int
        public var droppedRows: Int

        public init(kind: String, depth: Int, bytes: Int, oldest: Date?, foldedRows: Int, droppedRows: Int) {
            self.kind = kind
            self.depth = depth
            self.bytes = bytes
            self.oldest = oldest
            self.foldedRows = foldedRows
            self.droppedRows = droppedRows
        }
    }

    public struct Endpoint: Sendable, Codable, Equatable {
        public var name: String
        public var delivered: Int
        public var rejected: Int
        public var lastSuccessAt: Date?
        public var lastFailureAt: Date?
        public var lastError: String?
        public var lastRejection: String?

        public init(name: String, delivered: Int, rejected: Int, lastSuccessAt: Date?, lastFailureAt: Date?, lastError: String?,
                    lastRejection: String?) {
            self.name = name
            self.delivered = delivered
            self.rejected = rejected
            self.lastSuccessAt = lastSuccessAt
            self.lastFailureAt = lastFailureAt
            self.lastError = lastError
            self.lastRejection = lastRejection
        }
    }

    public var backlog: [Backlog]
    public var endpoints: [Endpoint]

    public init(backlog: [Backlog], endpoints: [Endpoint]) {
        self.backlog = backlog
        self.endpoints = endpoints
    }
}
