// AVX2 quantized GEMM, 4 rows × 8 columns per tile: pairs of k are widened to int16 and
// multiplied with _mm256_madd_epi16 (int16·int16 pairs summed into int32: no saturation,
// unlike maddubs); fp32 requantization; row and column tails by smaller tiles and scalar.
#if defined(__x86_64__)
#include <immintrin.h>
#include "ep_qu8_qc8w_gemm.h"

// (x[k][j], x[k+1][j]) for 8 columns j, as 16 int16 lanes.
__attribute__((target("avx2,fma")))
static inline __m256i ep_pair8(const uint8_t *row0, const uint8_t *row1) {
    const __m128i a = _mm_cvtepu8_epi16(_mm_loadl_epi64((const __m128i *)row0));
    const __m128i b = _mm_cvtepu8_epi16(_mm_loadl_epi64((const __m128i *)row1));
    return _mm256_set_m128i(_mm_unpackhi_epi16(a, b), _mm_unpacklo_epi16(a, b));
}

__attribute__((target("avx2,fma")))
static inline __m256i ep_wpair(const int8_t *w) {
    const int32_t pair = (int32_t)(uint16_t)(int16_t)w[0] | ((int32_t)(int16_t)w[1] << 16);
    return _mm256_set1_epi32(pair);
}

__attribute__((target("avx2,fma")))
static void ep_store8(__m256i acc, float multiplier, const ep_qgemm_params *p, uint8_t *out) {
    __m256 scaled = _mm256_mul_ps(_mm256_cvtepi32_ps(acc), _mm256_set1_ps(multiplier));
    __m256i q = _mm256_add_epi32(_mm256_cvtps_epi32(scaled), _mm256_set1_epi32(p->y_zero));
    q = _mm256_min_epi32(_mm256_max_epi32(q, _mm256_set1_epi32(p->y_min)), _mm256_set1_epi32(p->y_max));
    const __m128i packed16 = _mm_packs_epi32(_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1));
    _mm_storel_epi64((__m128i *)out, _mm_packus_epi16(packed16, packed16));
}

__attribute__((target("avx2,fma")))
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8__avx2(size_t m, size_t n, size_t k, const int8_t *w, const uint8_t *x, uint8_t *y,
                                                    const ep_qgemm_params *p) {
    const size_t k2 = k & ~(size_t)1;
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        size_t i = 0;
        for (; i < m; i += 4) {
            const size_t rows = m - i < 4 ? m - i : 4;
            __m256i acc[4];
            for (size_t r = 0; r < 4; r++) acc[r] = _mm256_set1_epi32(r < rows ? p->bias[i + r] : 0);
            for (size_t t = 0; t < k2; t += 2) {
                const __m256i xp = ep_pair8(x + t * n + j, x + (t + 1) * n + j);
                for (size_t r = 0; r < rows; r++) acc[r] = _mm256_add_epi32(acc[r], _mm256_madd_epi16(xp, ep_wpair(w + (i + r) * k + t)));
            }
            if (k2 < k) {
                const __m256i xt = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(x + k2 * n + j)));
                for (size_t r = 0; r < rows; r++) {
                    acc[r] = _mm256_add_epi32(acc[r], _mm256_mullo_epi32(xt, _mm256_set1_epi32(w[(i + r) * k + k2])));
                }
            }
            for (size_t r = 0; r < rows; r++) ep_store8(acc[r], p->multiplier[i + r], p, y + (i + r) * n + j);
        }
    }
    for (; j < n; j++) {
        for (size_t i = 0; i < m; i++) {
            int32_t acc = p->bias[i];
            for (size_t t = 0; t < k; t++) acc += (int32_t)w[i * k + t] * (int32_t)x[t * n + j];
            y[i * n + j] = ep_requantize(acc, p->multiplier[i], p);
        }
    }
}
#endif
