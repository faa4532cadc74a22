// NEON quantized GEMM, 4 rows × 8 columns per tile, on pair-packed operands: int16 pair products
// with vmull_s16 and pairwise adds into int32 (no saturation); fp32 requantization; tails scalar.
#if defined(__aarch64__)
#include <arm_neon.h>
#include "ep_qgemm_neon_common.h"

// Σ over the pair of (x pair)·(w pair) for 4 columns: [c0a c0b c1a c1b | c2a c2b c3a c3b].
static inline int32x4_t ep_pairdot4(int16x8_t xs, int16x8_t ws) {
    return vpaddq_s32(vmull_s16(vget_low_s16(xs), vget_low_s16(ws)), vmull_high_s16(xs, ws));
}

void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8__neon(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                                    const ep_qgemm_params *p) {
    const size_t pairs = (k + 1) / 2;
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        for (size_t i = 0; i < m; i += 4) {
            const size_t rows = m - i < 4 ? m - i : 4;
            int32x4_t lo[4], hi[4];
            for (size_t r = 0; r < 4; r++) lo[r] = hi[r] = vdupq_n_s32(r < rows ? p->bias[i + r] : 0);
            for (size_t t = 0; t < pairs; t++) {
                const int16x8_t x0 = vreinterpretq_s16_s32(vld1q_s32(x + t * n + j));
                const int16x8_t x1 = vreinterpretq_s16_s32(vld1q_s32(x + t * n + j + 4));
                for (size_t r = 0; r < rows; r++) {
                    const int16x8_t ws = vreinterpretq_s16_s32(vdupq_n_s32(w[(i + r) * pairs + t]));
                    lo[r] = vaddq_s32(lo[r], ep_pairdot4(x0, ws));
                    hi[r] = vaddq_s32(hi[r], ep_pairdot4(x1, ws));
                }
            }
            for (size_t r = 0; r < rows; r++) ep_store8_neon(lo[r], hi[r], p->multiplier[i + r], p, y + (i + r) * n + j);
        }
    }
    ep_qgemm_column_tail(m, n, k, w, x, y, p, j);
}
#endif
