// NEON depthwise convolution over a zero-padded copy of the plane: 4 output columns per
// vector, four vectors at a time, with no bounds checks (stride 1: contiguous loads; stride 2: de-interleaving loads;
// other strides: lane loads), scalar tail.
#if defined(__aarch64__)
#include "ep_activation_simd.h"
#include "ep_dwconv_common.h"

static inline float32x4_t ep_load_strided4(const float *base, int stride) {
    if (stride == 1) return vld1q_f32(base);
    if (stride == 2) return vld2q_f32(base).val[0];
    float32x4_t v = vdupq_n_f32(base[0]);
    v = vsetq_lane_f32(base[stride], v, 1);
    v = vsetq_lane_f32(base[2 * stride], v, 2);
    return vsetq_lane_f32(base[3 * stride], v, 3);
}

void ep_f32_dwconv_minmax_ukernel__neon(const float *input, const float *kernel, float bias, float *output,
                                        const ep_dwconv_params *p, const ep_activation *act, float *scratch) {
    ep_dwconv_pad(input, p, scratch);
    const int pw = ep_dwconv_padded_width(p);
    const int sw = p->stride_w, dw = p->dilation_w;
    for (int oy = 0; oy < p->oh; oy++) {
        float *out = output + (size_t)oy * p->ow;
        const float *rows = scratch + (size_t)oy * p->stride_h * pw;
        int ox = 0;
        // 16 columns in four independent accumulators (one chain would wait on the FMA latency).
        for (; ox + 16 <= p->ow; ox += 16) {
            float32x4_t a0 = vdupq_n_f32(bias), a1 = a0, a2 = a0, a3 = a0;
            for (int ky = 0; ky < p->kh; ky++) {
                const float *row = rows + (size_t)ky * p->dilation_h * pw + (size_t)ox * sw;
                for (int kx = 0; kx < p->kw; kx++) {
                    const float *base = row + kx * dw;
                    const float w = kernel[ky * p->kw + kx];
                    a0 = vfmaq_n_f32(a0, ep_load_strided4(base, sw), w);
                    a1 = vfmaq_n_f32(a1, ep_load_strided4(base + 4 * sw, sw), w);
                    a2 = vfmaq_n_f32(a2, ep_load_strided4(base + 8 * sw, sw), w);
                    a3 = vfmaq_n_f32(a3, ep_load_strided4(base + 12 * sw, sw), w);
                }
            }
            vst1q_f32(out + ox, ep_activate4(a0, act));
            vst1q_f32(out + ox + 4, ep_activate4(a1, act));
            vst1q_f32(out + ox + 8, ep_activate4(a2, act));
            vst1q_f32(out + ox + 12, ep_activate4(a3, act));
        }
        for (; ox + 4 <= p->ow; ox += 4) {
            float32x4_t acc = vdupq_n_f32(bias);
            for (int ky = 0; ky < p->kh; ky++) {
                const float *row = rows + (size_t)ky * p->dilation_h * pw + (size_t)ox * sw;
                for (int kx = 0; kx < p->kw; kx++) acc = vfmaq_n_f32(acc, ep_load_strided4(row + kx * dw, sw), kernel[ky * p->kw + kx]);
            }
            vst1q_f32(out + ox, ep_activate4(acc, act));
        }
        ep_dwconv_padded_tail(rows, pw, kernel, bias, p, act, out, ox);
    }
}
#endif
