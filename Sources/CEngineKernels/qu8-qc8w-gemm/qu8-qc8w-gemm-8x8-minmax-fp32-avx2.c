// AVX2 quantized GEMM, 8 rows × 8 columns per tile, on pair-packed operands: one load gives
// (x[2t][j], x[2t+1][j]) for 8 columns as 16 int16 lanes, multiplied against 8 broadcast weight
// pairs with _mm256_madd_epi16 (int16·int16 pairs into int32: no saturation, unlike maddubs);
// fp32 requantization; row tails in the same tile, column tails scalar.
#include "ep_qgemm_x86_common.h"
#if defined(EP_X86_KERNELS)

EP_TARGET("avx2,fma")
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_8x8__avx2(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                                    const ep_qgemm_params *p) {
    const size_t pairs = (k + 1) / 2;
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        for (size_t i = 0; i < m; i += 8) {
            const size_t rows = m - i < 8 ? m - i : 8;
            const int32_t *wr[8];
            __m256i acc[8];
            for (size_t r = 0; r < 8; r++) {
                const size_t row = i + (r < rows ? r : 0);
                wr[r] = w + row * pairs;
                acc[r] = _mm256_set1_epi32(p->bias[row]);
            }
            const int32_t *xc = x + j;
            for (size_t t = 0; t < pairs; t++, xc += n) {
                const __m256i xp = _mm256_loadu_si256((const __m256i *)xc);
                acc[0] = _mm256_add_epi32(acc[0], _mm256_madd_epi16(xp, _mm256_set1_epi32(wr[0][t])));
                acc[1] = _mm256_add_epi32(acc[1], _mm256_madd_epi16(xp, _mm256_set1_epi32(wr[1][t])));
                acc[2] = _mm256_add_epi32(acc[2], _mm256_madd_epi16(xp, _mm256_set1_epi32(wr[2][t])));
                acc[3] = _mm256_add_epi32(acc[3], _mm256_madd_epi16(xp, _mm256_set1_epi32(wr[3][t])));
                acc[4] = _mm256_add_epi32(acc[4], _mm256_madd_epi16(xp, _mm256_set1_epi32(wr[4][t])));
                acc[5] = _mm256_add_epi32(acc[5], _mm256_madd_epi16(xp, _mm256_set1_epi32(wr[5][t])));
                acc[6] = _mm256_add_epi32(acc[6], _mm256_madd_epi16(xp, _mm256_set1_epi32(wr[6][t])));
                acc[7] = _mm256_add_epi32(acc[7], _mm256_madd_epi16(xp, _mm256_set1_epi32(wr[7][t])));
            }
            for (size_t r = 0; r < rows; r++) ep_store8(acc[r], p->multiplier[i + r], p, y + (i + r) * n + j);
        }
    }
    ep_qgemm_column_tail(m, n, k, w, x, y, p, j);
}
#endif
