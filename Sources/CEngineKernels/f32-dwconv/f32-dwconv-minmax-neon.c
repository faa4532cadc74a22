// NEON depthwise convolution: 4 output columns at a time across the interior of each row
// (stride 1: contiguous loads; stride 2: de-interleaving loads; other strides per pixel).
#if defined(__aarch64__)
#include "ep_activation_simd.h"
#include "ep_dwconv_common.h"

void ep_f32_dwconv_minmax_ukernel__neon(const float *input, const float *kernel, float bias, float *output,
                                        const ep_dwconv_params *p, const ep_activation *act) {
    int first, last;
    ep_dwconv_interior_columns(p, &first, &last);
    const int vectorized = p->stride_w == 1 || p->stride_w == 2;
    // vld2q reads one float past the last tap: keep it inside the row.
    int vlast = last;
    while (p->stride_w == 2 && vlast > first && (vlast - 1) * 2 - p->pad_left + (p->kw - 1) * p->dilation_w + 1 >= p->iw) vlast--;
    for (int oy = 0; oy < p->oh; oy++) {
        float *out = output + (size_t)oy * p->ow;
        int ox = 0;
        if (vectorized && ep_dwconv_row_inside(p, oy)) {
            for (; ox < first; ox++) out[ox] = ep_activate(ep_dwconv_pixel(input, kernel, bias, p, oy, ox), act);
            for (; ox + 4 <= vlast; ox += 4) {
                float32x4_t acc = vdupq_n_f32(bias);
                for (int ky = 0; ky < p->kh; ky++) {
                    const float *row = input + (size_t)(oy * p->stride_h - p->pad_top + ky * p->dilation_h) * p->iw;
                    for (int kx = 0; kx < p->kw; kx++) {
                        const float *base = row + ox * p->stride_w - p->pad_left + kx * p->dilation_w;
                        const float32x4_t x = p->stride_w == 1 ? vld1q_f32(base) : vld2q_f32(base).val[0];
                        acc = vfmaq_n_f32(acc, x, kernel[ky * p->kw + kx]);
                    }
                }
                vst1q_f32(out + ox, ep_activate4(acc, act));
            }
        }
        for (; ox < p->ow; ox++) out[ox] = ep_activate(ep_dwconv_pixel(input, kernel, bias, p, oy, ox), act);
    }
}
#endif
