// NEON integer depthwise convolution over the x_zero-padded plane: 16 output columns per step
// (four int32x4 accumulators, widening multiply-accumulate of 16-bit x by the tap weight), fp32
// requantization with round-half-even conversion, one-column tail.
#if defined(__aarch64__)
#include <arm_neon.h>
#include "ep_qdwconv_common.h"

static inline uint8x16_t ep_qdw_load16(const uint8_t *base, int sw) {
    if (sw == 1) return vld1q_u8(base);
    if (sw == 2) return vld2q_u8(base).val[0];
    uint8_t lanes[16];
    for (int j = 0; j < 16; j++) lanes[j] = base[j * sw];
    return vld1q_u8(lanes);
}

static inline int32x4_t ep_qdw_requantize4(int32x4_t acc, float32x4_t multiplier, float32x4_t low, float32x4_t high, int32x4_t zero) {
    const float32x4_t scaled = vminq_f32(vmaxq_f32(vmulq_f32(vcvtq_f32_s32(acc), multiplier), low), high);
    return vaddq_s32(vcvtnq_s32_f32(scaled), zero);
}

static inline void ep_qdw_rows16(const uint8_t *plane, const int32_t *offsets, const int32_t *weights, int taps, uint8_t *output,
                                 const ep_dwconv_params *p, const ep_qdwconv_channel *c, int sw) {
    const int pw = ep_dwconv_padded_width(p);
    const float32x4_t multiplier = vdupq_n_f32(c->multiplier);
    const float32x4_t low = vdupq_n_f32((float)(c->y_min - c->y_zero)), high = vdupq_n_f32((float)(c->y_max - c->y_zero));
    const int32x4_t zero = vdupq_n_s32(c->y_zero);
    for (int oy = 0; oy < p->oh; oy++) {
        const uint8_t *rows = plane + (size_t)oy * p->stride_h * pw;
        uint8_t *out = output + (size_t)oy * p->ow;
        int ox = 0;
        for (; ox + 16 <= p->ow; ox += 16) {
            const uint8_t *at = rows + (size_t)ox * sw;
            int32x4_t a0 = vdupq_n_s32(c->bias), a1 = a0, a2 = a0, a3 = a0;
            for (int t = 0; t < taps; t++) {
                const uint8x16_t x = ep_qdw_load16(at + offsets[t], sw);
                const int16x8_t xl = vreinterpretq_s16_u16(vmovl_u8(vget_low_u8(x)));
                const int16x8_t xh = vreinterpretq_s16_u16(vmovl_high_u8(x));
                const int16_t w = (int16_t)weights[t];
                a0 = vmlal_n_s16(a0, vget_low_s16(xl), w);
                a1 = vmlal_high_n_s16(a1, xl, w);
                a2 = vmlal_n_s16(a2, vget_low_s16(xh), w);
                a3 = vmlal_high_n_s16(a3, xh, w);
            }
            const int16x8_t lo = vcombine_s16(vqmovn_s32(ep_qdw_requantize4(a0, multiplier, low, high, zero)),
                                              vqmovn_s32(ep_qdw_requantize4(a1, multiplier, low, high, zero)));
            const int16x8_t hi = vcombine_s16(vqmovn_s32(ep_qdw_requantize4(a2, multiplier, low, high, zero)),
                                              vqmovn_s32(ep_qdw_requantize4(a3, multiplier, low, high, zero)));
            vst1q_u8(out + ox, vcombine_u8(vqmovun_s16(lo), vqmovun_s16(hi)));
        }
        ep_qdw_tail(rows, offsets, weights, taps, p, c, out, ox);
    }
}

void ep_qu8_qc8w_dwconv_minmax_fp32_ukernel__neon(const uint8_t *input, const int8_t *kernel, uint8_t *output,
                                                  const ep_dwconv_params *p, const ep_qdwconv_channel *c, uint8_t *scratch) {
    int32_t *offsets, *weights;
    const int taps = ep_qdw_prepare(input, kernel, p, c, scratch, &offsets, &weights);
    if (p->stride_w == 1) ep_qdw_rows16(scratch, offsets, weights, taps, output, p, c, 1);
    else if (p->stride_w == 2) ep_qdw_rows16(scratch, offsets, weights, taps, output, p, c, 2);
    else ep_qdw_rows16(scratch, offsets, weights, taps, output, p, c, p->stride_w);
}
#endif
