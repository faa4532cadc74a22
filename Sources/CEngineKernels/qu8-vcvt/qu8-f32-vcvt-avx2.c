#if defined(__x86_64__)
#include <immintrin.h>
#include "ep_qu8_vcvt.h"

// (q − zero) is exact in int32 and its float conversion is exact, so one multiply gives the
// scalar kernel's result bit for bit.
__attribute__((target("avx2,fma")))
void ep_qu8_f32_vcvt__avx2(size_t n, const uint8_t *x, float scale, int32_t zero, float *y) {
    const __m256 vscale = _mm256_set1_ps(scale);
    const __m256i vzero = _mm256_set1_epi32(zero);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m128i bytes = _mm_loadu_si128((const __m128i *)(x + i));
        const __m256i a = _mm256_sub_epi32(_mm256_cvtepu8_epi32(bytes), vzero);
        const __m256i b = _mm256_sub_epi32(_mm256_cvtepu8_epi32(_mm_srli_si128(bytes, 8)), vzero);
        _mm256_storeu_ps(y + i, _mm256_mul_ps(_mm256_cvtepi32_ps(a), vscale));
        _mm256_storeu_ps(y + i + 8, _mm256_mul_ps(_mm256_cvtepi32_ps(b), vscale));
    }
    if (i < n) ep_qu8_f32_vcvt__scalar(n - i, x + i, scale, zero, y + i);
}
#endif
