import Foundation
import Registry

/// Download progress on standard error: a bar with rate and ETA redrawn in place on a
/// terminal, plain lines at every 10% (and every retry) otherwise.
final class PullProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let interactive = isatty(STDERR_FILENO) == 1
    private var lastDecile: [String: Int] = [:]
    private var lastDraw = Date.distantPast

    func report(_ progress: FetchProgress) {
        lock.withLock {
            let name = (progress.url as NSString).lastPathComponent
            if let retry = progress.retry {
                if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
                say("retrying \(name) in \(String(format: "%.1f", retry.delaySeconds)) s: \(retry.reason)")
                return
            }
            guard let total = progress.total, total > 0 else { return }
            let fraction = min(1, Double(progress.bytes) / Double(total))
            // Decide whether to draw before formatting anything: libcurl calls this very often.
            if interactive {
                guard Date().timeIntervalSince(lastDraw) > 0.1 || fraction >= 1 else { return }
                lastDraw = Date()
            } else {
                let decile = Int(fraction * 10)
                guard decile > lastDecile[progress.url, default: 0] else { return }
                lastDecile[progress.url] = decile
            }
            let rate = progress.bytesPerSecond
            let eta = rate > 0 ? Double(total - progress.bytes) / rate : .infinity
            let text = String(format: "%@ %3.0f%% %@ / %@  %@/s  ETA %@", name, fraction * 100, byteCount(progress.bytes),
                              byteCount(total), byteCount(Int64(rate)), eta.isFinite ? String(format: "%.0f s", eta) : "?")
            if interactive {
                let width = 24, filled = Int(fraction * Double(width))
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                FileHandle.standardError.write(Data("\r[\(bar)] \(text)\u{1B}[K".utf8))
                if fraction >= 1 { FileHandle.standardError.write(Data("\n".utf8)) }
            } else {
                say(text)
            }
        }
    }
}
