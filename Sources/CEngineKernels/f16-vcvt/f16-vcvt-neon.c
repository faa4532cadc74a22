// f16 ↔ f32 conversion with NEON (fcvtl / fcvtn: baseline ARMv8-A, round to nearest even), 8 per step.
#if defined(__aarch64__)
#include <arm_neon.h>
#include "ep_f16.h"

void ep_f16_f32_vcvt__neon(size_t n, const uint16_t *x, float *y) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const float16x8_t h = vreinterpretq_f16_u16(vld1q_u16(x + i));
        vst1q_f32(y + i, vcvt_f32_f16(vget_low_f16(h)));
        vst1q_f32(y + i + 4, vcvt_high_f32_f16(h));
    }
    for (; i < n; i++) y[i] = ep_f16_to_f32(x[i]);
}

void ep_f32_f16_vcvt__neon(size_t n, const float *x, uint16_t *y) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const float16x8_t h = vcvt_high_f16_f32(vcvt_f16_f32(vld1q_f32(x + i)), vld1q_f32(x + i + 4));
        vst1q_u16(y + i, vreinterpretq_u16_f16(h));
    }
    for (; i < n; i++) y[i] = ep_f32_to_f16(x[i]);
}
#endif
