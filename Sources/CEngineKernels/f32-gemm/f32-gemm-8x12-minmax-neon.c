// NEON f32-gemm (ARMv8 baseline), 8 rows × 12 columns per tile: 24 q accumulators, three loads
// of x and two of packed weights per k, each weight used by lane (fmla by element).
#if defined(__aarch64__)
#include <arm_neon.h>
#include "ep_activation_simd.h"
#include "ep_f32_gemm_common.h"

enum { EP_NEON_MR = 8, EP_NEON_NR = 12 };

#define EP_ROW(r, w, lane)                                  \
    c[r][0] = vfmaq_laneq_f32(c[r][0], x0, w, lane);         \
    c[r][1] = vfmaq_laneq_f32(c[r][1], x1, w, lane);         \
    c[r][2] = vfmaq_laneq_f32(c[r][2], x2, w, lane);

static void ep_tile_8x12(size_t rows, size_t cols, size_t k, const float *a, const float *x, size_t ldx, float *y, size_t ldy,
                         const float *bias, const float *res, const ep_activation *act) {
    float32x4_t c[EP_NEON_MR][3];
    for (size_t r = 0; r < EP_NEON_MR; r++) c[r][0] = c[r][1] = c[r][2] = vdupq_n_f32(bias && r < rows ? bias[r] : 0.f);
    for (size_t t = 0; t < k; t++, a += EP_NEON_MR, x += ldx) {
        const float32x4_t x0 = vld1q_f32(x), x1 = vld1q_f32(x + 4), x2 = vld1q_f32(x + 8);
        const float32x4_t w0 = vld1q_f32(a), w1 = vld1q_f32(a + 4);
        EP_ROW(0, w0, 0) EP_ROW(1, w0, 1) EP_ROW(2, w0, 2) EP_ROW(3, w0, 3)
        EP_ROW(4, w1, 0) EP_ROW(5, w1, 1) EP_ROW(6, w1, 2) EP_ROW(7, w1, 3)
    }
    for (size_t r = 0; r < rows; r++) {
        float *out = y + r * ldy;
        const float *rr = res ? res + r * ldy : NULL;
        if (cols == EP_NEON_NR) {
            for (size_t v = 0; v < 3; v++) {
                const float32x4_t sum = rr ? vaddq_f32(c[r][v], vld1q_f32(rr + 4 * v)) : c[r][v];
                vst1q_f32(out + 4 * v, ep_activate4(sum, act));
            }
        } else {
            float acc[EP_NEON_NR];
            for (size_t v = 0; v < 3; v++) vst1q_f32(acc + 4 * v, c[r][v]);
            ep_f32_gemm_store_partial(acc, cols, rr, act, out);
        }
    }
}
#undef EP_ROW

void ep_f32_gemm_minmax_ukernel_8x12__neon(EP_F32_GEMM_ARGS) {
    ep_f32_gemm_tiles(m, k, j0, j1, packed, x, ldx, y, ldy, p, tail, EP_NEON_MR, EP_NEON_NR, ep_tile_8x12);
}
#endif
