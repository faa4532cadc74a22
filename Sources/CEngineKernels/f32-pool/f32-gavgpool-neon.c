#if defined(__aarch64__)
#include <arm_neon.h>
#include "ep_f32_pool.h"

float ep_f32_gavgpool_ukernel__neon(const float *input, size_t n) {
    float32x4_t acc = vdupq_n_f32(0.f);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) acc = vaddq_f32(acc, vld1q_f32(input + i));
    float sum = vaddvq_f32(acc);
    for (; i < n; i++) sum += input[i];
    return n ? sum / (float)n : 0.f;
}
#endif
