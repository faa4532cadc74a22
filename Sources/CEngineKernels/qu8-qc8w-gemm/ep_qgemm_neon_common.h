// Shared by the NEON qu8-qc8w-gemm kernels: requantize 8 int32 accumulators and store 8 uint8.
#ifndef EP_QGEMM_NEON_COMMON_H
#define EP_QGEMM_NEON_COMMON_H
#include <arm_neon.h>
#include "ep_qu8_qc8w_gemm.h"

static inline void ep_store8_neon(int32x4_t lo, int32x4_t hi, float multiplier, const ep_qgemm_params *p, uint8_t *out) {
    const float32x4_t scale = vdupq_n_f32(multiplier);
    int32x4_t qlo = vaddq_s32(vcvtnq_s32_f32(vmulq_f32(vcvtq_f32_s32(lo), scale)), vdupq_n_s32(p->y_zero));
    int32x4_t qhi = vaddq_s32(vcvtnq_s32_f32(vmulq_f32(vcvtq_f32_s32(hi), scale)), vdupq_n_s32(p->y_zero));
    qlo = vminq_s32(vmaxq_s32(qlo, vdupq_n_s32(p->y_min)), vdupq_n_s32(p->y_max));
    qhi = vminq_s32(vmaxq_s32(qhi, vdupq_n_s32(p->y_min)), vdupq_n_s32(p->y_max));
    vst1_u8(out, vqmovun_s16(vcombine_s16(vqmovn_s32(qlo), vqmovn_s32(qhi))));
}
#endif
