#if defined(__x86_64__)
#include <immintrin.h>
#include "ep_qu8_vcvt.h"

__attribute__((target("avx2,fma")))
void ep_f32_qu8_vcvt__avx2(size_t n, const float *x, float scale, int32_t zero, uint8_t *y) {
    const __m256 vscale = _mm256_set1_ps(scale);
    const __m256i vzero = _mm256_set1_epi32(zero);
    const __m256 vlow = _mm256_set1_ps((float)-zero), vhigh = _mm256_set1_ps((float)(255 - zero));
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        // Clamped in float first (cvtps turns NaN and out-of-range values into INT_MIN; NaN lanes
        // are zeroed so they land on the zero point); cvtps rounds half to even (default MXCSR).
        __m256 qa = _mm256_div_ps(_mm256_loadu_ps(x + i), vscale), qb = _mm256_div_ps(_mm256_loadu_ps(x + i + 8), vscale);
        qa = _mm256_min_ps(_mm256_max_ps(_mm256_and_ps(qa, _mm256_cmp_ps(qa, qa, _CMP_ORD_Q)), vlow), vhigh);
        qb = _mm256_min_ps(_mm256_max_ps(_mm256_and_ps(qb, _mm256_cmp_ps(qb, qb, _CMP_ORD_Q)), vlow), vhigh);
        const __m256i a = _mm256_add_epi32(_mm256_cvtps_epi32(qa), vzero);
        const __m256i b = _mm256_add_epi32(_mm256_cvtps_epi32(qb), vzero);
        const __m256i words = _mm256_permute4x64_epi64(_mm256_packs_epi32(a, b), _MM_SHUFFLE(3, 1, 2, 0));
        const __m128i bytes = _mm_packus_epi16(_mm256_castsi256_si128(words), _mm256_extracti128_si256(words, 1));
        _mm_storeu_si128((__m128i *)(y + i), bytes);
    }
    if (i < n) ep_f32_qu8_vcvt__scalar(n - i, x + i, scale, zero, y + i);
}
#endif
