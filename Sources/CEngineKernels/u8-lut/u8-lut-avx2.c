#if defined(__x86_64__)
#include <immintrin.h>
#include "ep_u8_lut.h"

// vpshufb looks up 16 entries and yields 0 where the index byte has its high bit set. Each half
// of the byte range (x < 128, x ≥ 128) is one pass of 8 steps over indices i = 16g + l: step k
// looks up i − 16k, which is in [0, 15] at k = g, in [16, 127] before (so it hits) and has its
// high bit set after. With step tables d_0 = t_0, d_k = t_k ^ t_{k−1} the XOR of the hits
// telescopes to t_g[l]. Lanes of the other half start at 0xFF and never hit.
__attribute__((target("avx2")))
void ep_u8_lut_ukernel__avx2(size_t n, const uint8_t *x, const uint8_t *table, uint8_t *y) {
    __m256i steps[16];
    for (int k = 0; k < 16; k++) {
        __m128i t = _mm_loadu_si128((const __m128i *)(table + 16 * k));
        if (k % 8) t = _mm_xor_si128(t, _mm_loadu_si128((const __m128i *)(table + 16 * (k - 1))));
        steps[k] = _mm256_broadcastsi128_si256(t);
    }
    const __m256i v16 = _mm256_set1_epi8(16), vtop = _mm256_set1_epi8((char)0x80);
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        const __m256i v = _mm256_loadu_si256((const __m256i *)(x + i));
        const __m256i upper = _mm256_cmpgt_epi8(_mm256_setzero_si256(), v);  // x ≥ 128
        __m256i low = _mm256_or_si256(v, upper), high = _mm256_or_si256(_mm256_xor_si256(v, vtop), _mm256_xor_si256(upper, _mm256_set1_epi8(-1)));
        __m256i acc = _mm256_xor_si256(_mm256_shuffle_epi8(steps[0], low), _mm256_shuffle_epi8(steps[8], high));
        for (int k = 1; k < 8; k++) {
            low = _mm256_sub_epi8(low, v16);
            high = _mm256_sub_epi8(high, v16);
            acc = _mm256_xor_si256(acc, _mm256_xor_si256(_mm256_shuffle_epi8(steps[k], low), _mm256_shuffle_epi8(steps[8 + k], high)));
        }
        _mm256_storeu_si256((__m256i *)(y + i), acc);
    }
    if (i < n) ep_u8_lut_ukernel__scalar(n - i, x + i, table, y + i);
}
#endif
