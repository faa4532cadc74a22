import Basics
import Foundation
import Testing
@testable import Policy

/// The variants file: a good entry read whole, and each malformed one refused with its index and key.
@Suite struct CandidateTableTests {
    /// Key → the value's JSON text.
    static let good: [String: String] = [
        "variant": "\"ppocr int8\"", "precision": "\"int8\"", "threads": "2", "powerMode": "\"15W\"", "p50Ms": "0.6", "p99Ms": "0.9",
        "idleWatts": "3.5", "dynamicJoulesPerInference": "0.001", "energyUncertaintyPercent": "0.5", "top1": "94.4",
        "agreementWithFP32": "98.75", "memoryBytes": "80000000", "source": "\"measured\"",
    ]

    static func json(_ entry: [String: String]) -> String {
        "{" + entry.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
    }

    static func parse(_ entries: [String]) throws -> [Candidate] {
        try CandidateTable.parse(Data(("[" + entries.joined(separator: ",") + "]").utf8), source: "v.json")
    }

    @Test func readsAGoodEntryWhole() throws {
        var second = Self.good
        second["powerMode"] = "null"
        let candidates = try Self.parse([Self.json(Self.good), Self.json(second)])
        #expect(candidates[0] == Candidate(variant: "ppocr int8", precision: .int8, threads: 2, powerMode: "15W", p50Ms: 0.6, p99Ms: 0.9,
                                           idleWatts: 3.5, dynamicJoulesPerInference: 0.001, energyUncertaintyPercent: 0.5, top1: 94.4,
                                           agreementWithFP32: 98.75, memoryBytes: 80_000_000))
        #expect(candidates[1].powerMode == nil && candidates[1].id == "ppocr int8 ×2")
    }

    @Test(arguments: [
        ("extra", "\"x\"", "entry 1: unknown key 'extra'"),
        ("p99Ms", "0.5", "entry 1: p99Ms 0.5 is below p50Ms 0.6"),
        ("threads", "1.5", "threads must be a whole number"),
        ("threads", "true", "'threads' must be a finite number"),
        ("precision", "\"fp64\"", "precision 'fp64' is not fp32, fp16 or int8"),
        ("top1", "120", "top1 120.0 must be a percentage"),
        ("idleWatts", "-1", "idleWatts -1.0 must be ≥ 0"),
        ("p50Ms", "\"fast\"", "'p50Ms' must be a finite number"),
        ("variant", "3", "'variant' must be a string"),
        ("powerMode", "[1]", "'powerMode' must be a string"),
    ])
    func aBadValueIsRefusedWithItsEntryAndKey(key: String, value: String, message: String) {
        var entry = Self.good
        entry[key] = value
        #expect { try Self.parse([Self.json(entry)]) } throws: { ($0 as? PolicyError)?.message.contains(message) == true }
    }

    @Test func missingKeysDuplicatesAndNonListsAreRefused() throws {
        var missing = Self.good
        missing["top1"] = nil
        #expect { try Self.parse([Self.json(missing)]) } throws: { ($0 as? PolicyError)?.message.contains("entry 1: missing 'top1'") == true }
        #expect { try Self.parse([Self.json(Self.good), Self.json(Self.good)]) } throws: { ($0 as? PolicyError)?.message.contains("entry 2: 'ppocr int8 ×2 @15W' appears twice") == true }
        #expect { try Self.parse([]) } throws: { ($0 as? PolicyError)?.message.contains("empty list") == true }
        #expect { try Self.parse(["3"]) } throws: { ($0 as? PolicyError)?.message.contains("entry 1: not an object") == true }
        #expect { try CandidateTable.parse(Data("{\"a\": 1}".utf8), source: "v.json") } throws: {
            ($0 as? PolicyError)?.message.contains("not a JSON list") == true
        }
    }
}
