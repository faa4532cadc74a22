@testable import Engine
import Foundation
import Testing

/// The engine's pool runs every index of a job exactly once, job after job (the workers go from
/// spinning to sleeping and back), and its shares cover a range without overlap.
@Suite struct ThreadPoolTests {
    @Test(arguments: [1, 2, 3])
    func everyIndexRunsOnceInEveryJob(threads: Int) {
        let pool = ThreadPool(threads: threads)
        #expect(pool.threads == threads)
        for job in 0..<2000 {
            let count = job % 37
            // Each index owns its slot; one run twice or never leaves a count other than 1.
            let hits = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, count))
            defer { hits.deallocate() }
            hits.initialize(repeating: 0)
            pool.run(count) { hits[$0] += 1 }
            #expect(hits.prefix(count).allSatisfy { $0 == 1 }, "job \(job), \(count) indices")
            if job == 1000 { usleep(2000) }  // long enough for the workers to fall asleep
        }
    }

    @Test func sharesCoverTheRangeInAlignedParts() {
        for total in [0, 1, 15, 16, 17, 100, 1000] {
            for parts in 1...4 {
                let shares = (0..<parts).map { ThreadPool.share($0, of: parts, total: total, align: 16) }
                #expect(shares.flatMap { Array($0) } == Array(0..<total), "\(total) in \(parts)")
                #expect(shares.allSatisfy { $0.isEmpty || $0.lowerBound % 16 == 0 }, "\(shares)")
            }
        }
    }
}
