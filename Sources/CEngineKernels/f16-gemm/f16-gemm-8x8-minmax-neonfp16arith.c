// f16 GEMM with ARMv8.2-A FP16 arithmetic: f16 FMA accumulation (fmla .8h by element), 8 rows ×
// 8 columns per tile — twice the MACs per instruction of fp32. Column tails go through an
// 8-wide staging row.
#if defined(__aarch64__)
#include <arm_neon.h>
#include "ep_f16.h"

__attribute__((target("fullfp16")))
static inline float16x8_t ep_f16_load8(const uint16_t *p, size_t count) {
    if (count == 8) return vreinterpretq_f16_u16(vld1q_u16(p));
    uint16_t staged[8] = {0};
    memcpy(staged, p, count * sizeof *p);
    return vreinterpretq_f16_u16(vld1q_u16(staged));
}

__attribute__((target("fullfp16")))
void ep_f16_gemm_minmax_ukernel_8x8__neonfp16arith(size_t m, size_t n, size_t k, const uint16_t *a, size_t lda, const uint16_t *b,
                                                   size_t ldb, const uint16_t *bias, uint16_t *c, size_t ldc, float min, float max) {
    const float16x8_t lo = vdupq_n_f16((float16_t)min), hi = vdupq_n_f16((float16_t)max);
    for (size_t j = 0; j < n; j += 8) {
        const size_t cols = n - j < 8 ? n - j : 8;
        const float16x8_t start = bias ? ep_f16_load8(bias + j, cols) : vdupq_n_f16(0);
        for (size_t i = 0; i < m; i += 8) {
            const size_t rows = m - i < 8 ? m - i : 8;
            float16x8_t acc[8];
            for (size_t r = 0; r < 8; r++) acc[r] = start;
            for (size_t t = 0; t < k; t++) {
                const float16x8_t bt = ep_f16_load8(b + t * ldb + j, cols);
                for (size_t r = 0; r < rows; r++) {
                    float16_t ar;
                    memcpy(&ar, a + (i + r) * lda + t, sizeof ar);
                    acc[r] = vfmaq_n_f16(acc[r], bt, ar);
                }
            }
            for (size_t r = 0; r < rows; r++) {
                const uint16x8_t h = vreinterpretq_u16_f16(vminq_f16(vmaxq_f16(acc[r], lo), hi));
                if (cols == 8) {
                    vst1q_u16(c + (i + r) * ldc + j, h);
                } else {
                    uint16_t staged[8];
                    vst1q_u16(staged, h);
                    memcpy(c + (i + r) * ldc + j, staged, cols * sizeof *c);
                }
            }
        }
    }
}
#endif
