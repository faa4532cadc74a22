import CThreadPool

/// The engine's one thread pool (ep_threadpool.h): a compiled model's steps split their work
/// over it, and OpenBLAS is held at one thread so the two never compete for the cores.
/// With one thread, or when a worker cannot be started, jobs run on the calling thread.
final class ThreadPool: @unchecked Sendable {
    private let pool: OpaquePointer?
    let threads: Int

    init(threads: Int) {
        pool = threads > 1 ? ep_threadpool_create(threads) : nil
        self.threads = pool == nil ? 1 : threads
    }

    deinit { ep_threadpool_destroy(pool) }

    /// Part `index` of `parts` of 0 ..< total, in multiples of `align` (the last part takes the rest).
    static func share(_ index: Int, of parts: Int, total: Int, align: Int = 1) -> Range<Int> {
        let size = ((total + parts - 1) / parts + align - 1) / align * align
        return min(total, index * size)..<min(total, (index + 1) * size)
    }

    /// Runs `body(i)` for every i < count, on the pool's threads and the caller's; returns when all are done.
    func run(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1, let pool else {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            var task = escapable
            withUnsafeMutablePointer(to: &task) { pointer in
                ep_threadpool_run(pool, { context, index in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(index)
                }, pointer, count)
            }
        }
    }
}
