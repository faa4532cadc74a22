#if defined(__aarch64__)
#include <arm_neon.h>
#include "ep_qu8_vcvt.h"

void ep_f32_qu8_vcvt__neon(size_t n, const float *x, float scale, int32_t zero, uint8_t *y) {
    const float32x4_t vscale = vdupq_n_f32(scale);
    const int32x4_t vzero = vdupq_n_s32(zero);
    const float32x4_t vlow = vdupq_n_f32((float)-zero), vhigh = vdupq_n_f32((float)(255 - zero));
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        // Clamped in float first so adding the zero point cannot overflow; NaN survives the
        // clamp and vcvtnq turns it into 0, the zero point.
        const float32x4_t qa = vminq_f32(vmaxq_f32(vdivq_f32(vld1q_f32(x + i), vscale), vlow), vhigh);
        const float32x4_t qb = vminq_f32(vmaxq_f32(vdivq_f32(vld1q_f32(x + i + 4), vscale), vlow), vhigh);
        const int32x4_t a = vaddq_s32(vcvtnq_s32_f32(qa), vzero);
        const int32x4_t b = vaddq_s32(vcvtnq_s32_f32(qb), vzero);
        vst1_u8(y + i, vqmovun_s16(vcombine_s16(vqmovn_s32(a), vqmovn_s32(b))));
    }
    if (i < n) ep_f32_qu8_vcvt__scalar(n - i, x + i, scale, zero, y + i);
}

// (q − zero) and its float conversion are exact, so one multiply matches the scalar kernel.
void ep_qu8_f32_vcvt__neon(size_t n, const uint8_t *x, float scale, int32_t zero, float *y) {
    const float32x4_t vscale = vdupq_n_f32(scale);
    const int16x8_t vzero = vdupq_n_s16((int16_t)zero);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const int16x8_t q = vsubq_s16(vreinterpretq_s16_u16(vmovl_u8(vld1_u8(x + i))), vzero);
        vst1q_f32(y + i, vmulq_f32(vcvtq_f32_s32(vmovl_s16(vget_low_s16(q))), vscale));
        vst1q_f32(y + i + 4, vmulq_f32(vcvtq_f32_s32(vmovl_s16(vget_high_s16(q))), vscale));
    }
    if (i < n) ep_qu8_f32_vcvt__scalar(n - i, x + i, scale, zero, y + i);
}
#endif
