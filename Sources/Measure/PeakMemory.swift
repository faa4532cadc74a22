import Foundation

/// The process's peak resident memory over a window of its own: Linux keeps the high-water mark
/// (`VmHWM` in /proc/self/status) and resets it to the current resident size when "5" is
/// written to /proc/self/clear_refs (Linux ≥ 4.0, proc(5)). Resetting before each variant makes
/// its peak its own, not the largest of everything measured before it.
public enum PeakMemory {
    /// Starts a window; false when the mark cannot be reset (then a peak is not the window's own).
    public static func reset() -> Bool {
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return write(fd, "5", 1) == 1
    }

    /// The high-water mark since the last reset (or since the process started), bytes.
    public static func peakBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kilobytes * 1024
    }
}
