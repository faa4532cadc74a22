@testable import Probe
import Testing

@Suite struct CPUListTests {
    @Test(arguments: [("0-3", [0, 1, 2, 3]), ("0-1,4-5", [0, 1, 4, 5]), ("0 1 2 3", [0, 1, 2, 3]), ("7", [7]), ("", [])])
    func parses(text: String, cpus: [Int]) {
        #expect(CPUList.parse(text) == cpus)
    }

    @Test(arguments: ["a-b", "3-1", "0-", "-1", "0-99999999"])
    func rejectsGarbage(text: String) {
        #expect(CPUList.parse(text) == nil)
    }
}
