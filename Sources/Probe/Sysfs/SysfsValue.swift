/// Parsing of single sysfs values (BOARDS.md §0 rule 3: read as text, trim the trailing
/// newline, parse an integer; some files carry a unit suffix or a compound value).
enum SysfsValue {
    static func trimmed(_ content: String) -> String {
        var value = Substring(content)
        while let last = value.last, last == "\n" || last == "\0" || last == " " || last == "\t" || last == "\r" {
            value.removeLast()
        }
        while let first = value.first, first == " " || first == "\t" { value.removeFirst() }
        return String(value)
    }

    static func integer(_ value: String, suffixes: [String] = []) -> Result<Int, ReadFailure> {
        var digits = Substring(value)
        for suffix in suffixes where digits.lowercased().hasSuffix(suffix.lowercased()) {
            digits = digits.dropLast(suffix.count)
            while digits.last == " " { digits.removeLast() }
            break
        }
        if let number = Int(digits) { return .success(number) }
        return .failure(ReadFailure(.badValue, "not an integer: \(quoted(value))"))
    }

    /// A value quoted for an error message, cut to a readable length.
    static func quoted(_ value: String) -> String {
        let cut = value.count > 40 ? String(value.prefix(40)) + "…" : value
        return "'" + cut.unicodeScalars.map { $0.value >= 0x20 && $0.value != 0x7f ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined() + "'"
    }

    /// NUL-separated device-tree strings (`compatible`), or one NUL-terminated string (`model`).
    static func deviceTreeStrings(_ content: String) -> [String] {
        content.split(separator: "\0", omittingEmptySubsequences: true)
            .map { trimmed(String($0)) }
            .filter { !$0.isEmpty }
    }
}
