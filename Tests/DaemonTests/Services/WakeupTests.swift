import Foundation
import Testing
@testable import Daemon

/// (Bounds are loose: the test pool may be busy; what matters is that a signal ends a 60 s wait.)
@Suite struct WakeupTests {
    @Test func aSignalEndsTheWaitAndATimeoutToo() async {
        let wakeup = Wakeup()
        wakeup.signal()
        let start = Date()
        await wakeup.wait(seconds: 60)  // the signal came first
        #expect(Date().timeIntervalSince(start) < 30)
        await wakeup.wait(seconds: 0.2)  // nothing: the timeout
        #expect(Date().timeIntervalSince(start) >= 0.2)
        Task {
            try? await Task.sleep(for: .milliseconds(100))
            wakeup.signal()
        }
        let before = Date()
        await wakeup.wait(seconds: 60)
        #expect(Date().timeIntervalSince(before) < 30)
    }
}
