@testable import Probe
import Testing

@Suite struct RaspberryPiRevisionCodeTests {
    @Test func pi5With8GB() {
        let revision = RaspberryPiRevisionCode.decode("d04170")
        #expect(revision == RaspberryPiRevision(code: "d04170", type: "Raspberry Pi 5", memoryBytes: 8 << 30,
                                                manufacturer: "Sony UK", boardRevision: "1.0"))
    }

    @Test func pi4With4GB() {
        let revision = RaspberryPiRevisionCode.decode("c03115")
        #expect(revision?.type == "Raspberry Pi 4B")
        #expect(revision?.memoryBytes == 4 << 30)
        #expect(revision?.boardRevision == "1.5")
    }

    @Test func oldStyleAndGarbage() {
        #expect(RaspberryPiRevisionCode.decode("000e")?.type == nil)
        #expect(RaspberryPiRevisionCode.decode("zz") == nil)
    }
}
