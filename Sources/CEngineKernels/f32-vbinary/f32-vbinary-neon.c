#if defined(__aarch64__)
#include "ep_activation_simd.h"
#include "ep_f32_vbinary.h"
#include "ep_vbinary_op.h"

static inline float32x4_t ep_binary4(int op, float32x4_t a, float32x4_t b) {
    switch (op) {
    case 0: return vaddq_f32(a, b);
    case 1: return vsubq_f32(a, b);
    case 2: return vmulq_f32(a, b);
    default: return vdivq_f32(a, b);
    }
}

void ep_f32_vbinary_ukernel__neon(int op, size_t n, const float *a, const float *b, float *y, const ep_activation *act) {
    size_t i = 0;
    for (; i + 4 <= n; i += 4) vst1q_f32(y + i, ep_activate4(ep_binary4(op, vld1q_f32(a + i), vld1q_f32(b + i)), act));
    for (; i < n; i++) y[i] = ep_activate(ep_binary(op, a[i], b[i]), act);
}

void ep_f32_vbinaryc_ukernel__neon(int op, size_t n, const float *a, float b, float *y, const ep_activation *act) {
    const float32x4_t vb = vdupq_n_f32(b);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) vst1q_f32(y + i, ep_activate4(ep_binary4(op, vld1q_f32(a + i), vb), act));
    for (; i < n; i++) y[i] = ep_activate(ep_binary(op, a[i], b), act);
}
#endif
