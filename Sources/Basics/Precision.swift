import Foundation

/// Stage 0 — value types every stage shares. It owns names, not logic: nothing here reads a
/// file, a clock or the hardware.
///
/// A variant's precision as manifests, the store, bench rows and the policy name it: the
/// arithmetic its weights and activations were meant for (what actually ran is the engine's
/// `Arithmetic`, which can differ: an INT8 file may keep small convolutions in float).
public enum Precision: String, Codable, Sendable, CaseIterable, Comparable {
    case fp32, fp16, int8

    /// `fp32,int8` → [.fp32, .int8] (duplicates dropped); nil when a word is not a precision.
    public static func list(_ text: String) -> [Precision]? {
        var result: [Precision] = []
        for word in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let precision = Precision(rawValue: word.trimmingCharacters(in: .whitespaces)) else { return nil }
            if !result.contains(precision) { result.append(precision) }
        }
        return result.isEmpty ? nil : result
    }

    public static func < (a: Precision, b: Precision) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
