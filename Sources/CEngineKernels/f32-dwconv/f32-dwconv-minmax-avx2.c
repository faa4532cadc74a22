// AVX2+FMA depthwise convolution: 8 output columns at a time across the interior of each
// row (stride 1 loads contiguous columns, other strides gather); borders per pixel.
#if defined(__x86_64__)
#include "ep_activation_simd.h"
#include "ep_dwconv_common.h"

__attribute__((target("avx2,fma")))
void ep_f32_dwconv_minmax_ukernel__avx2(const float *input, const float *kernel, float bias, float *output,
                                        const ep_dwconv_params *p, const ep_activation *act) {
    int first, last;
    ep_dwconv_interior_columns(p, &first, &last);
    const __m256i lanes = _mm256_mullo_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(p->stride_w));
    for (int oy = 0; oy < p->oh; oy++) {
        float *out = output + (size_t)oy * p->ow;
        if (!ep_dwconv_row_inside(p, oy)) {
            for (int ox = 0; ox < p->ow; ox++) out[ox] = ep_activate(ep_dwconv_pixel(input, kernel, bias, p, oy, ox), act);
            continue;
        }
        int ox = 0;
        for (; ox < first; ox++) out[ox] = ep_activate(ep_dwconv_pixel(input, kernel, bias, p, oy, ox), act);
        for (; ox + 8 <= last; ox += 8) {
            __m256 acc = _mm256_set1_ps(bias);
            for (int ky = 0; ky < p->kh; ky++) {
                const float *row = input + (size_t)(oy * p->stride_h - p->pad_top + ky * p->dilation_h) * p->iw;
                for (int kx = 0; kx < p->kw; kx++) {
                    const float *base = row + ox * p->stride_w - p->pad_left + kx * p->dilation_w;
                    const __m256 x = p->stride_w == 1 ? _mm256_loadu_ps(base) : _mm256_i32gather_ps(base, lanes, 4);
                    acc = _mm256_fmadd_ps(x, _mm256_set1_ps(kernel[ky * p->kw + kx]), acc);
                }
            }
            _mm256_storeu_ps(out + ox, ep_activate8(acc, act));
        }
        for (; ox < p->ow; ox++) out[ox] = ep_activate(ep_dwconv_pixel(input, kernel, bias, p, oy, ox), act);
    }
}
#endif
