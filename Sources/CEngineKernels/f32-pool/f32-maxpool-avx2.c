// AVX2 max pooling: 8 output columns per vector where every tap of the row block is inside
// the image (stride 1 or 2 loads as in f32-dwconv), the scalar kernel's per-pixel path at
// the borders.
#if defined(__x86_64__)
#include <immintrin.h>
#include "ep_pool_common.h"

__attribute__((target("avx2,fma")))
static inline __m256 ep_pool_load8(const float *base, int stride) {
    if (stride == 1) return _mm256_loadu_ps(base);
    const __m256 a = _mm256_loadu_ps(base), b = _mm256_loadu_ps(base + 8);
    const __m256 even = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
    return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(even), _MM_SHUFFLE(3, 1, 2, 0)));
}

__attribute__((target("avx2,fma")))
void ep_f32_maxpool_ukernel__avx2(const float *input, float *output, const ep_pool_params *p) {
    const int sw = p->stride_w, dw = p->dilation_w;
    const int vector = sw == 1 || sw == 2;
    // Columns whose taps are all inside, with one float of read margin for the stride-2 load.
    int lo = 0, hi = p->ow;
    while (lo < p->ow && lo * sw - p->pad_left < 0) lo++;
    while (hi > lo && (hi - 1) * sw - p->pad_left + (p->kw - 1) * dw + (sw == 2 ? 1 : 0) >= p->iw) hi--;
    for (int oy = 0; oy < p->oh; oy++) {
        float *out = output + (size_t)oy * p->ow;
        const int top = oy * p->stride_h - p->pad_top;
        const int inside = top >= 0 && top + (p->kh - 1) * p->dilation_h < p->ih;
        int ox = 0;
        if (vector && inside) {
            for (; ox < lo; ox++) out[ox] = ep_maxpool_pixel(input, p, oy, ox);
            for (; ox + 8 <= hi; ox += 8) {
                __m256 best = _mm256_set1_ps(-FLT_MAX);
                for (int ky = 0; ky < p->kh; ky++) {
                    const float *row = input + (size_t)(top + ky * p->dilation_h) * p->iw + ox * sw - p->pad_left;
                    for (int kx = 0; kx < p->kw; kx++) best = _mm256_max_ps(best, ep_pool_load8(row + kx * dw, sw));
                }
                _mm256_storeu_ps(out + ox, best);
            }
        }
        for (; ox < p->ow; ox++) out[ox] = ep_maxpool_pixel(input, p, oy, ox);
    }
}
#endif
