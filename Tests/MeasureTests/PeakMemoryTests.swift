import Testing
@testable import Measure

/// Resetting the high-water mark makes a later window's peak its own.
@Suite struct PeakMemoryTests {
    @Test func aResetForgetsAnEarlierPeak() throws {
        try #require(PeakMemory.reset(), "/proc/self/clear_refs is not writable here")
        let size = 256 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 4096)
        for offset in stride(from: 0, to: size, by: 4096) { buffer[offset] = 1 }
        let high = try #require(PeakMemory.peakBytes())
        buffer.deallocate()
        #expect(PeakMemory.reset())
        let after = try #require(PeakMemory.peakBytes())
        #expect(after < high - size / 2, "peak \(high) before the reset, \(after) after")
    }
}
