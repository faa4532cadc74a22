#define _GNU_SOURCE
#include "ep_threadpool.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#if defined(__x86_64__)
#include <immintrin.h>
#define EP_PAUSE() _mm_pause()
#elif defined(__aarch64__)
#define EP_PAUSE() __asm__ __volatile__("yield")
#else
#define EP_PAUSE() ((void)0)
#endif

// Spins before a worker sleeps: about 100 µs at a few ns per pause.
enum { EP_SPINS = 20000 };

struct ep_threadpool {
    size_t threads;
    pthread_t *workers;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    _Atomic size_t generation;  // bumped per job; workers wait for it to move
    _Atomic size_t next;        // next index to take
    _Atomic size_t busy;        // workers still in the current job
    _Atomic int stop;
    ep_threadpool_task task;
    void *context;
    size_t count;
};

static void ep_take(ep_threadpool *pool) {
    for (size_t i; (i = atomic_fetch_add_explicit(&pool->next, 1, memory_order_relaxed)) < pool->count;) pool->task(pool->context, i);
}

static void *ep_worker(void *argument) {
    ep_threadpool *pool = argument;
    size_t seen = 0;
    for (;;) {
        size_t now = atomic_load_explicit(&pool->generation, memory_order_acquire);
        for (int spin = 0; now == seen && spin < EP_SPINS; spin++) {
            EP_PAUSE();
            now = atomic_load_explicit(&pool->generation, memory_order_acquire);
        }
        if (now == seen) {
            pthread_mutex_lock(&pool->lock);
            while ((now = atomic_load_explicit(&pool->generation, memory_order_acquire)) == seen && !atomic_load(&pool->stop))
                pthread_cond_wait(&pool->wake, &pool->lock);
            pthread_mutex_unlock(&pool->lock);
        }
        if (atomic_load(&pool->stop)) return NULL;
        seen = now;
        ep_take(pool);
        atomic_fetch_sub_explicit(&pool->busy, 1, memory_order_release);
    }
}

ep_threadpool *ep_threadpool_create(size_t threads) {
    if (threads < 1) return NULL;
    ep_threadpool *pool = calloc(1, sizeof *pool);
    if (!pool) return NULL;
    pool->threads = threads;
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->wake, NULL);
    pool->workers = calloc(threads, sizeof(pthread_t));
    if (!pool->workers) {
        free(pool);
        return NULL;
    }
    for (size_t i = 1; i < threads; i++) {
        if (pthread_create(&pool->workers[i], NULL, ep_worker, pool) != 0) {
            pool->threads = i;
            ep_threadpool_destroy(pool);
            return NULL;
        }
    }
    return pool;
}

void ep_threadpool_destroy(ep_threadpool *pool) {
    if (!pool) return;
    pthread_mutex_lock(&pool->lock);
    atomic_store(&pool->stop, 1);
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
    for (size_t i = 1; i < pool->threads; i++) pthread_join(pool->workers[i], NULL);
    pthread_cond_destroy(&pool->wake);
    pthread_mutex_destroy(&pool->lock);
    free(pool->workers);
    free(pool);
}

size_t ep_threadpool_threads(const ep_threadpool *pool) { return pool ? pool->threads : 1; }

void ep_threadpool_run(ep_threadpool *pool, ep_threadpool_task task, void *context, size_t count) {
    if (!pool || pool->threads == 1 || count <= 1) {
        for (size_t i = 0; i < count; i++) task(context, i);
        return;
    }
    pool->task = task;
    pool->context = context;
    pool->count = count;
    atomic_store_explicit(&pool->next, 0, memory_order_relaxed);
    atomic_store_explicit(&pool->busy, pool->threads - 1, memory_order_relaxed);
    // The mutex orders the bump against a worker about to sleep, so no wake-up is lost.
    pthread_mutex_lock(&pool->lock);
    atomic_fetch_add_explicit(&pool->generation, 1, memory_order_release);
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
    ep_take(pool);
    while (atomic_load_explicit(&pool->busy, memory_order_acquire) != 0) EP_PAUSE();
}
