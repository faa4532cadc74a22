#if defined(__aarch64__)
#include "ep_activation_simd.h"
#include "ep_f32_epilogue.h"

void ep_f32_epilogue_ukernel__neon(float *y, size_t channels, size_t size, const float *bias,
                                   const float *residual, const ep_activation *act) {
    for (size_t c = 0; c < channels; c++) {
        const float b = bias ? bias[c] : 0.f;
        const float32x4_t vb = vdupq_n_f32(b);
        float *row = y + c * size;
        const float *res = residual ? residual + c * size : 0;
        size_t i = 0;
        for (; i + 4 <= size; i += 4) {
            float32x4_t v = vaddq_f32(vld1q_f32(row + i), vb);
            if (res) v = vaddq_f32(v, vld1q_f32(res + i));
            vst1q_f32(row + i, ep_activate4(v, act));
        }
        for (; i < size; i++) {
            float v = row[i] + b;
            if (res) v += res[i];
            row[i] = ep_activate(v, act);
        }
    }
}
#endif
