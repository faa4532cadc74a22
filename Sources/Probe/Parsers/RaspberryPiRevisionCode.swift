/// Raspberry Pi revision codes (`Revision : d04170` in /proc/cpuinfo), new style (bit 23 set):
/// bits 0–3 board revision, 4–11 type, 12–15 processor, 16–19 manufacturer, 20–22 memory.
/// Layout from the Raspberry Pi documentation "Raspberry Pi revision codes".
enum RaspberryPiRevisionCode {
    static let types: [Int: String] = [
        0x00: "A", 0x01: "B", 0x02: "A+", 0x03: "B+", 0x04: "2B", 0x06: "CM1", 0x08: "3B", 0x09: "Zero",
        0x0a: "CM3", 0x0c: "Zero W", 0x0d: "3B+", 0x0e: "3A+", 0x10: "CM3+", 0x11: "4B", 0x12: "Zero 2 W",
        0x13: "400", 0x14: "CM4", 0x15: "CM4S", 0x17: "5", 0x18: "CM5", 0x19: "500", 0x1a: "CM5 Lite",
    ]
    static let manufacturers = ["Sony UK", "Egoman", "Embest", "Sony Japan", "Embest", "Stadium"]

    static func decode(_ code: String) -> RaspberryPiRevision? {
        guard let value = Int(code, radix: 16) else { return nil }
        var revision = RaspberryPiRevision(code: code)
        guard value & (1 << 23) != 0 else { return revision }  // old-style codes: keep the raw code
        revision.type = types[(value >> 4) & 0xff].map { "Raspberry Pi \($0)" }
        revision.memoryBytes = (256 << 20) << ((value >> 20) & 0x7)
        let manufacturer = (value >> 16) & 0xf
        revision.manufacturer = manufacturer < manufacturers.count ? manufacturers[manufacturer] : nil
        revision.boardRevision = "1.\(value & 0xf)"
        return revision
    }
}
