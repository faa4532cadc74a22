#if defined(__x86_64__)
#include "ep_activation_simd.h"
#include "ep_f32_epilogue.h"

EP_TARGET("avx2,fma")
void ep_f32_epilogue_ukernel__avx2(float *y, size_t channels, size_t size, const float *bias,
                                   const float *residual, const ep_activation *act) {
    for (size_t c = 0; c < channels; c++) {
        const float b = bias ? bias[c] : 0.f;
        const __m256 vb = _mm256_set1_ps(b);
        float *row = y + c * size;
        const float *res = residual ? residual + c * size : 0;
        size_t i = 0;
        for (; i + 8 <= size; i += 8) {
            __m256 v = _mm256_add_ps(_mm256_loadu_ps(row + i), vb);
            if (res) v = _mm256_add_ps(v, _mm256_loadu_ps(res + i));
            _mm256_storeu_ps(row + i, ep_activate8(v, act));
        }
        for (; i < size; i++) {
            float v = row[i] + b;
            if (res) v += res[i];
            row[i] = ep_activate(v, act);
        }
    }
}
#endif
