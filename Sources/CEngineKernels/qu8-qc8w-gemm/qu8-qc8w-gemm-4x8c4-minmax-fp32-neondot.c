// NEON dot-product quantized GEMM (ARMv8.2-A dotprod: Cortex-A55/A75/A76/A78, Carmel, Orin),
// 4 rows × 8 columns per tile on c4-packed operands: one sdot per 4 columns × 4 k per row.
// Activations are flipped to int8 (x ^ 0x80 = x − 128) on load; 128·Σw is added to the bias.
#if defined(__aarch64__)
#include <arm_neon.h>
#include "ep_qgemm_neon_common.h"
#include "ep_qu8_qc8w_gemm_c4.h"

__attribute__((target("dotprod")))
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8c4__neondot(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x,
                                                         uint8_t *y, const ep_qgemm_params *p) {
    const size_t quads = (k + 3) / 4;
    const uint8x16_t flip = vdupq_n_u8(0x80);
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        for (size_t i = 0; i < m; i += 4) {
            const size_t rows = m - i < 4 ? m - i : 4;
            int32x4_t lo[4], hi[4];
            for (size_t r = 0; r < 4; r++) {
                int32_t start = 0;
                if (r < rows) {
                    const int8_t *wr = (const int8_t *)(w + (i + r) * quads);
                    int32_t sum = 0;
                    for (size_t b = 0; b < 4 * quads; b++) sum += wr[b];
                    start = p->bias[i + r] + 128 * sum;
                }
                lo[r] = hi[r] = vdupq_n_s32(start);
            }
            for (size_t t = 0; t < quads; t++) {
                const int8x16_t x0 = vreinterpretq_s8_u8(veorq_u8(vld1q_u8((const uint8_t *)(x + t * n + j)), flip));
                const int8x16_t x1 = vreinterpretq_s8_u8(veorq_u8(vld1q_u8((const uint8_t *)(x + t * n + j + 4)), flip));
                for (size_t r = 0; r < rows; r++) {
                    const int8x16_t ws = vreinterpretq_s8_s32(vdupq_n_s32(w[(i + r) * quads + t]));
                    lo[r] = vdotq_s32(lo[r], x0, ws);
                    hi[r] = vdotq_s32(hi[r], x1, ws);
                }
            }
            for (size_t r = 0; r < rows; r++) ep_store8_neon(lo[r], hi[r], p->multiplier[i + r], p, y + (i + r) * n + j);
        }
    }
    ep_qgemm_c4_column_tail(m, n, k, w, x, y, p, j);
}
#endif
