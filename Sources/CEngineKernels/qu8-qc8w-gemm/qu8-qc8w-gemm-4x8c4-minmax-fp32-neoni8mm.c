// NEON i8mm quantized GEMM (ARMv8.6-A usdot: Cortex-A78AE/Orin has dotprod only; Neoverse V1/N2,
// Cortex-A710+ have i8mm), 4 rows × 8 columns per tile on c4-packed operands: usdot multiplies
// the uint8 activations by the int8 weights directly, so no x − 128 flip and no correction.
#if defined(__aarch64__)
#include <arm_neon.h>
#include "ep_qgemm_neon_common.h"
#include "ep_qu8_qc8w_gemm_c4.h"

__attribute__((target("i8mm")))
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8c4__neoni8mm(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x,
                                                          uint8_t *y, const ep_qgemm_params *p) {
    const size_t quads = (k + 3) / 4;
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        for (size_t i = 0; i < m; i += 4) {
            const size_t rows = m - i < 4 ? m - i : 4;
            int32x4_t lo[4], hi[4];
            for (size_t r = 0; r < 4; r++) lo[r] = hi[r] = vdupq_n_s32(r < rows ? p->bias[i + r] : 0);
            for (size_t t = 0; t < quads; t++) {
                const uint8x16_t x0 = vld1q_u8((const uint8_t *)(x + t * n + j));
                const uint8x16_t x1 = vld1q_u8((const uint8_t *)(x + t * n + j + 4));
                for (size_t r = 0; r < rows; r++) {
                    const int8x16_t ws = vreinterpretq_s8_s32(vdupq_n_s32(w[(i + r) * quads + t]));
                    lo[r] = vusdotq_s32(lo[r], x0, ws);
                    hi[r] = vusdotq_s32(hi[r], x1, ws);
                }
            }
            for (size_t r = 0; r < rows; r++) ep_store8_neon(lo[r], hi[r], p->multiplier[i + r], p, y + (i + r) * n + j);
        }
    }
    ep_qgemm_c4_column_tail(m, n, k, w, x, y, p, j);
}
#endif
