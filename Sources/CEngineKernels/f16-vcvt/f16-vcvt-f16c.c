// f16 ↔ f32 conversion with F16C (vcvtph2ps / vcvtps2ph, round to nearest even), 8 per step.
#if defined(__x86_64__)
#include <immintrin.h>
#include "ep_f16.h"

__attribute__((target("avx,f16c")))
void ep_f16_f32_vcvt__f16c(size_t n, const uint16_t *x, float *y) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(x + i))));
    for (; i < n; i++) y[i] = ep_f16_to_f32(x[i]);
}

__attribute__((target("avx,f16c")))
void ep_f32_f16_vcvt__f16c(size_t n, const float *x, uint16_t *y) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        _mm_storeu_si128((__m128i *)(y + i), _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    }
    for (; i < n; i++) y[i] = ep_f32_to_f16(x[i]);
}
#endif
