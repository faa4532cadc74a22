/// /proc/cpuinfo: one block per online logical CPU (BOARDS.md §1.10, §6).
///
/// arm64 blocks carry `CPU implementer`/`CPU part` and `Features` and no model name on ≥5.x
/// kernels; the Raspberry Pi kernel appends board lines (`Revision`, `Serial`, `Model`) after
/// the last block. x86 blocks carry `model name` and `flags`.
struct ProcCPUInfo: Equatable {
    struct Processor: Equatable {
        var id: Int
        var fields: [String: String]

        var implementer: String? { fields["CPU implementer"].map(Self.normalizedHex) }
        var part: String? { fields["CPU part"].map(Self.normalizedHex) }
        var modelName: String? { fields["model name"] }
        /// `Features` on arm64, `flags` on x86.
        var features: [String] {
            (fields["Features"] ?? fields["flags"] ?? "").split(separator: " ").map(String.init)
        }

        static func normalizedHex(_ text: String) -> String {
            guard text.lowercased().hasPrefix("0x"), let value = Int(text.dropFirst(2), radix: 16) else {
                return text
            }
            return "0x" + String(value, radix: 16, uppercase: false).leftPadded(to: text.count - 2)
        }
    }

    var processors: [Processor]
    /// Lines outside processor blocks (the Pi's `Revision`, `Serial`, `Model`; `Hardware`).
    var board: [String: String]

    var architecture: String? {
        guard let first = processors.first else { return nil }
        if first.fields["CPU implementer"] != nil || first.fields["Features"] != nil { return "aarch64" }
        if first.fields["vendor_id"] != nil || first.fields["flags"] != nil { return "x86_64" }
        return nil
    }

    init(parsing text: String) {
        processors = []
        board = [:]
        var current: Processor?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let colon = line.firstIndex(of: ":") else {
                if line.allSatisfy(\.isWhitespace), let done = current {
                    processors.append(done)
                    current = nil
                }
                continue
            }
            let key = line[..<colon].trimmingWhitespace()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            if key == "processor", let id = Int(value) {
                if let done = current { processors.append(done) }
                current = Processor(id: id, fields: [:])
            } else if current != nil {
                current?.fields[key] = value
            } else {
                board[key] = value
            }
        }
        if let done = current { processors.append(done) }
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
