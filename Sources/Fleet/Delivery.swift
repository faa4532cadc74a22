import Basics
import Foundation

/// What an endpoint's answer means for the entries sent: taken (2xx), refused for good (any
/// other 4xx but 408 and 429: sending again cannot help, so the refusal is recorded and the
/// entries leave the outbox), or to be sent again later (5xx, 408, 429, 3xx, no answer) after
/// the backoff or the server's Retry-After.
public enum Delivery: Equatable, Sendable {
    case delivered
    case rejected(reason: String)
    case retry(reason: String, afterSeconds: Double)

    public static func judge(_ answer: Poster.Answer, attempt: Int, backoff: Backoff, now: Date = Date()) -> Delivery {
        let detail = answer.body.isEmpty ? "" : ": \(answer.body.prefix(300))"
        if let error = answer.transportError {
            return .retry(reason: "no answer (\(error))", afterSeconds: backoff.delay(after: attempt))
        }
        switch answer.status {
        case 200..<300:
            return .delivered
        case 408, 429, 500..<600:
            let wait = backoff.retryAfter(answer.retryAfter, now: now) ?? backoff.delay(after: attempt)
            return .retry(reason: "HTTP \(answer.status)\(detail)", afterSeconds: wait)
        case 400..<500:
            return .rejected(reason: "HTTP \(answer.status)\(detail)")
        default:
            return .retry(reason: "HTTP \(answer.status) (redirects are not followed)\(detail)", afterSeconds: backoff.delay(after: attempt))
        }
    }
}
