import Foundation

/// A size as an operator reads it: `512 B`, `25.6 KiB`, `4.7 MiB`, `1.25 GiB` (powers of 1024).
func byteCount(_ bytes: Int64) -> String {
    let value = Double(bytes)
    if value >= 1_073_741_824 { return String(format: "%.2f GiB", value / 1_073_741_824) }
    if value >= 1_048_576 { return String(format: "%.1f MiB", value / 1_048_576) }
    if value >= 1024 { return String(format: "%.1f KiB", value / 1024) }
    return "\(bytes) B"
}
