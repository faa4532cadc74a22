// f16 GEMM on x86 without AVX512-FP16: f16 operands widened with F16C, fp32 FMA accumulation,
// 4 rows × 8 columns per tile; column tails go through an 8-wide staging row.
#if defined(__x86_64__)
#include <immintrin.h>
#include "ep_f16.h"

__attribute__((target("avx2,fma,f16c")))
static inline __m256 ep_f16_load8(const uint16_t *p, size_t count) {
    if (count == 8) return _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)p));
    uint16_t staged[8] = {0};
    memcpy(staged, p, count * sizeof *p);
    return _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)staged));
}

__attribute__((target("avx2,fma,f16c")))
void ep_f16_gemm_minmax_ukernel_4x8__avx2(size_t m, size_t n, size_t k, const uint16_t *a, size_t lda, const uint16_t *b, size_t ldb,
                                          const uint16_t *bias, uint16_t *c, size_t ldc, float min, float max) {
    const __m256 lo = _mm256_set1_ps(min), hi = _mm256_set1_ps(max);
    for (size_t j = 0; j < n; j += 8) {
        const size_t cols = n - j < 8 ? n - j : 8;
        const __m256 start = bias ? ep_f16_load8(bias + j, cols) : _mm256_setzero_ps();
        for (size_t i = 0; i < m; i += 4) {
            const size_t rows = m - i < 4 ? m - i : 4;
            __m256 acc[4] = {start, start, start, start};
            for (size_t t = 0; t < k; t++) {
                const __m256 bt = ep_f16_load8(b + t * ldb + j, cols);
                for (size_t r = 0; r < rows; r++) acc[r] = _mm256_fmadd_ps(_mm256_set1_ps(_cvtsh_ss(a[(i + r) * lda + t])), bt, acc[r]);
            }
            for (size_t r = 0; r < rows; r++) {
                const __m128i h = _mm256_cvtps_ph(_mm256_min_ps(_mm256_max_ps(acc[r], lo), hi), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
                if (cols == 8) {
                    _mm_storeu_si128((__m128i *)(c + (i + r) * ldc + j), h);
                } else {
                    uint16_t staged[8];
                    _mm_storeu_si128((__m128i *)staged, h);
                    memcpy(c + (i + r) * ldc + j, staged, cols * sizeof *c);
                }
            }
        }
    }
}
#endif
