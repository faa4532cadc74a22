import Basics
import Foundation

/// The simulator's variants file: a JSON list of objects with `variant`, `precision`,
/// `threads`, `powerMode` (or null), `p50Ms`, `p99Ms`, `idleWatts`,
/// `dynamicJoulesPerInference`, `energyUncertaintyPercent`, `top1` (percent); optionally
/// `agreementWithFP32` (percent), `memoryBytes`, `variantSHA256` and `source` (where the row's
/// numbers come from, in words). Unknown keys, wrong types and impossible values are refused
/// with the entry's index and the key.
public enum CandidateTable {
    public static let maximumEntries = 10_000

    public static func parse(_ data: Data, source: String) throws(PolicyError) -> [Candidate] {
        guard let list = try? JSONDecoder().decode([Value].self, from: data) else {
            throw PolicyError(.table, "\(source): not a JSON list of candidate objects (numbers, strings, null)")
        }
        guard !list.isEmpty else { throw PolicyError(.table, "\(source): an empty list (no candidates)") }
        guard list.count <= maximumEntries else { throw PolicyError(.table, "\(source): \(list.count) entries, more than \(maximumEntries)") }
        var candidates: [Candidate] = []
        for (index, item) in list.enumerated() {
            let place = "\(source): entry \(index + 1)"
            guard case .object(let object) = item else { throw PolicyError(.table, "\(place): not an object") }
            let candidate = try Entry(object, place: place).candidate()
            if candidates.contains(where: { $0.id == candidate.id }) {
                throw PolicyError(.table, "\(place): '\(candidate.id)' appears twice (variant, threads and powerMode must differ)")
            }
            candidates.append(candidate)
        }
        return candidates
    }

    static let keys: Set<String> = ["variant", "precision", "threads", "powerMode", "p50Ms", "p99Ms", "idleWatts", "dynamicJoulesPerInference",
                                    "energyUncertaintyPercent", "top1", "agreementWithFP32", "memoryBytes", "variantSHA256", "source"]

    /// A JSON value as the table allows it: JSON's booleans, arrays and nested objects are not numbers.
    enum Value: Decodable {
        case number(Double), string(String), null, other
        case object([String: Value])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if (try? container.decode(Bool.self)) != nil {
                self = .other
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .string(text)
            } else if let object = try? container.decode([String: Value].self) {
                self = .object(object)
            } else {
                self = .other
            }
        }
    }

    struct Entry {
        let object: [String: Value]
        let place: String

        init(_ object: [String: Value], place: String) throws(PolicyError) {
            for key in object.keys where !CandidateTable.keys.contains(key) {
                throw PolicyError(.table, "\(place): unknown key '\(key.prefix(40))'")
            }
            self.object = object
            self.place = place
        }

        func candidate() throws(PolicyError) -> Candidate {
            let p50 = try number("p50Ms", above: 0), p99 = try number("p99Ms", above: 0)
            guard p99 >= p50 else { throw PolicyError(.table, "\(place): p99Ms \(p99) is below p50Ms \(p50)") }
            let threads = try number("threads", above: 0)
            guard threads == threads.rounded(), threads <= 1024 else { throw PolicyError(.table, "\(place): threads must be a whole number 1…1024") }
            let precisionText = try string("precision")
            guard let precision = Precision(rawValue: precisionText) else {
                throw PolicyError(.table, "\(place): precision '\(precisionText.prefix(20))' is not fp32, fp16 or int8")
            }
            return Candidate(variant: try string("variant"), precision: precision, threads: Int(threads), powerMode: try optionalString("powerMode"),
                             p50Ms: p50, p99Ms: p99, idleWatts: try number("idleWatts", atLeast: 0),
                             dynamicJoulesPerInference: try number("dynamicJoulesPerInference", atLeast: 0),
                             energyUncertaintyPercent: try number("energyUncertaintyPercent", atLeast: 0),
                             top1: try percent("top1", required: true), agreementWithFP32: try percent("agreementWithFP32", required: false),
                             memoryBytes: try optionalNumber("memoryBytes").map { Int($0) }, variantSHA256: try optionalString("variantSHA256"))
        }

        private func number(_ key: String, above low: Double? = nil, atLeast floor: Double? = nil) throws(PolicyError) -> Double {
            guard let value = try optionalNumber(key) else { throw PolicyError(.table, "\(place): missing '\(key)'") }
            if let low, !(value > low) { throw PolicyError(.table, "\(place): \(key) \(value) must be > \(low)") }
            if let floor, !(value >= floor) { throw PolicyError(.table, "\(place): \(key) \(value) must be ≥ \(floor)") }
            return value
        }

        private func optionalNumber(_ key: String) throws(PolicyError) -> Double? {
            switch object[key] {
            case nil, .null?: return nil
            case .number(let value)? where value.isFinite && abs(value) < 1e15: return value
            default: throw PolicyError(.table, "\(place): '\(key)' must be a finite number")
            }
        }

        private func percent(_ key: String, required: Bool) throws(PolicyError) -> Double? {
            guard let value = try optionalNumber(key) else {
                if required { throw PolicyError(.table, "\(place): missing '\(key)' (percent)") }
                return nil
            }
            guard (0...100).contains(value) else { throw PolicyError(.table, "\(place): \(key) \(value) must be a percentage 0…100") }
            return value
        }

        private func string(_ key: String) throws(PolicyError) -> String {
            guard let value = try optionalString(key), !value.isEmpty else { throw PolicyError(.table, "\(place): missing '\(key)'") }
            return value
        }

        private func optionalString(_ key: String) throws(PolicyError) -> String? {
            switch object[key] {
            case nil, .null?: return nil
            case .string(let text)? where text.utf8.count <= 200: return text
            default: throw PolicyError(.table, "\(place): '\(key)' must be a string of ≤ 200 bytes")
            }
        }
    }
}
