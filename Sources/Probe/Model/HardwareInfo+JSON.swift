import Foundation

extension HardwareInfo {
    /// The stable JSON document of `edgepilot hw --json` (docs/hw-json.md): sorted keys, every
    /// documented key present, null where a value could not be read.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func fromJSON(_ data: Data) throws -> HardwareInfo {
        try JSONDecoder().decode(HardwareInfo.self, from: data)
    }
}
