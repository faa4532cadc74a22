import Foundation

/// Runs one sender on a thread of its own (libcurl blocks): drains when told there is something
/// new, backs off after a failed try as the sender says (a wake-up does not cut a backoff or a
/// Retry-After short), and stops between batches. Stopping does not wait for a send in flight:
/// delivery is at least once, so a send cut off by the process ending is sent again next start.
public final class SenderLoop: @unchecked Sendable {
    public let sender: OutboxSender
    private let condition = NSCondition()
    // Under `condition`:
    private var stopped = false
    /// Something may be waiting (true at start: the outbox may hold a backlog from before).
    private var pending = true
    /// The end of the backoff (or of the receiver's Retry-After).
    private var notBefore = Date.distantPast
    private var attempt = 0
    private let log: @Sendable (String) -> Void

    public init(_ sender: OutboxSender, log: @escaping @Sendable (String) -> Void) {
        self.sender = sender
        self.log = log
    }

    public func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "edgepilot-sender-\(sender.endpoint.name)"
        thread.start()
    }

    /// New entries are waiting: send them once no backoff runs.
    public func wake() {
        condition.withLock {
            pending = true
            condition.signal()
        }
    }

    public func stop() {
        condition.withLock {
            stopped = true
            condition.signal()
        }
    }

    private var isStopped: Bool { condition.withLock { stopped } }

    private func loop() {
        while true {
            let go = condition.withLock { () -> Int? in
                while !stopped && !(pending && Date() >= notBefore) {
                    _ = condition.wait(until: pending ? notBefore : Date(timeIntervalSinceNow: 60))
                }
                pending = false
                return stopped ? nil : attempt
            }
            guard let failures = go else { return }
            var tries = failures
            var retryAt: Date?
            do {
                switch try sender.drain(attempt: &tries, shouldStop: { isStopped }) {
                case .idle:
                    if failures > 0 { log("\(sender.endpoint.name): delivering again after \(failures) failed tr\(failures == 1 ? "y" : "ies")") }
                case .retry(let after, let reason):
                    if tries == 1 || tries % 10 == 0 {
                        log("\(sender.endpoint.name): \(reason); trying again in \(Int(after.rounded(.up))) s (failed \(tries) time(s) in a row)")
                    }
                    retryAt = Date(timeIntervalSinceNow: after)
                }
            } catch {
                log("\(sender.endpoint.name): \(error)")
                retryAt = Date(timeIntervalSinceNow: 5)
            }
            condition.withLock {
                attempt = tries
                if let retryAt {
                    notBefore = retryAt
                    pending = true
                }
            }
        }
    }
}
