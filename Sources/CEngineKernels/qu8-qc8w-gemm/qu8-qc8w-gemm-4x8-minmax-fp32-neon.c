// NEON quantized GEMM, 4 rows × 8 columns per tile: uint8 columns widened to int16 and
// accumulated with vmlal_s16 into int32; fp32 requantization; tails scalar.
#if defined(__aarch64__)
#include <arm_neon.h>
#include "ep_qu8_qc8w_gemm.h"

static void ep_store8_neon(int32x4_t lo, int32x4_t hi, float multiplier, const ep_qgemm_params *p, uint8_t *out) {
    const float32x4_t scale = vdupq_n_f32(multiplier);
    int32x4_t qlo = vaddq_s32(vcvtnq_s32_f32(vmulq_f32(vcvtq_f32_s32(lo), scale)), vdupq_n_s32(p->y_zero));
    int32x4_t qhi = vaddq_s32(vcvtnq_s32_f32(vmulq_f32(vcvtq_f32_s32(hi), scale)), vdupq_n_s32(p->y_zero));
    qlo = vminq_s32(vmaxq_s32(qlo, vdupq_n_s32(p->y_min)), vdupq_n_s32(p->y_max));
    qhi = vminq_s32(vmaxq_s32(qhi, vdupq_n_s32(p->y_min)), vdupq_n_s32(p->y_max));
    const int16x8_t q16 = vcombine_s16(vqmovn_s32(qlo), vqmovn_s32(qhi));
    vst1_u8(out, vqmovun_s16(q16));
}

void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8__neon(size_t m, size_t n, size_t k, const int8_t *w, const uint8_t *x, uint8_t *y,
                                                    const ep_qgemm_params *p) {
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        for (size_t i = 0; i < m; i += 4) {
            const size_t rows = m - i < 4 ? m - i : 4;
            int32x4_t lo[4], hi[4];
            for (size_t r = 0; r < 4; r++) lo[r] = hi[r] = vdupq_n_s32(r < rows ? p->bias[i + r] : 0);
            for (size_t t = 0; t < k; t++) {
                const int16x8_t xv = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(x + t * n + j)));
                for (size_t r = 0; r < rows; r++) {
                    const int16_t wv = w[(i + r) * k + t];
                    lo[r] = vmlal_n_s16(lo[r], vget_low_s16(xv), wv);
                    hi[r] = vmlal_n_s16(hi[r], vget_high_s16(xv), wv);
                }
            }
            for (size_t r = 0; r < rows; r++) ep_store8_neon(lo[r], hi[r], p->multiplier[i + r], p, y + (i + r) * n + j);
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
