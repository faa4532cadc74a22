#if defined(__x86_64__)
#include <immintrin.h>
#include "ep_f32_pool.h"

__attribute__((target("avx2,fma")))
float ep_f32_gavgpool_ukernel__avx2(const float *input, size_t n) {
    __m256 acc = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) acc = _mm256_add_ps(acc, _mm256_loadu_ps(input + i));
    float lanes[8];
    _mm256_storeu_ps(lanes, acc);
    float sum = lanes[0] + lanes[1] + lanes[2] + lanes[3] + lanes[4] + lanes[5] + lanes[6] + lanes[7];
    for (; i < n; i++) sum += input[i];
    return n ? sum / (float)n : 0.f;
}
#endif
