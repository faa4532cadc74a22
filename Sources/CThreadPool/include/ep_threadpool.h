// The engine's one thread pool: `threads − 1` workers plus the calling thread run the indices
// 0 ..< count of a job, each index once, taken in order from a shared counter. Between jobs the
// workers spin for a while (inference steps come back to back, and waking a sleeping thread
// costs tens of microseconds, more than a small step takes), then sleep on a condition variable.
#ifndef EP_THREADPOOL_H
#define EP_THREADPOOL_H
#include <stddef.h>

typedef struct ep_threadpool ep_threadpool;
typedef void (*ep_threadpool_task)(void *context, size_t index);

// NULL when a thread cannot be started (or threads < 1).
ep_threadpool *ep_threadpool_create(size_t threads);
void ep_threadpool_destroy(ep_threadpool *pool);
size_t ep_threadpool_threads(const ep_threadpool *pool);
// Runs task(context, i) for every i < count and returns when all are done. Not reentrant: one
// job at a time per pool (the engine runs one step at a time).
void ep_threadpool_run(ep_threadpool *pool, ep_threadpool_task task, void *context, size_t count);
#endif
