// Shared by the f32-dwconv kernels: one output pixel with bounds checks (for borders), and
// the interior range of output columns whose taps all fall inside the image.
#ifndef EP_DWCONV_COMMON_H
#define EP_DWCONV_COMMON_H
#include "ep_f32_dwconv.h"

static inline float ep_dwconv_pixel(const float *input, const float *kernel, float bias, const ep_dwconv_params *p,
                                    int oy, int ox) {
    float acc = bias;
    for (int ky = 0; ky < p->kh; ky++) {
        const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
        if (iy < 0 || iy >= p->ih) continue;
        for (int kx = 0; kx < p->kw; kx++) {
            const int ix = ox * p->stride_w - p->pad_left + kx * p->dilation_w;
            if (ix < 0 || ix >= p->iw) continue;
            acc += input[iy * p->iw + ix] * kernel[ky * p->kw + kx];
        }
    }
    return acc;
}

// Output columns [*first, *last) read only in-image columns for every kx.
static inline void ep_dwconv_interior_columns(const ep_dwconv_params *p, int *first, int *last) {
    int lo = 0;
    while (lo < p->ow && lo * p->stride_w - p->pad_left < 0) lo++;
    int hi = p->ow;
    while (hi > lo && (hi - 1) * p->stride_w - p->pad_left + (p->kw - 1) * p->dilation_w >= p->iw) hi--;
    *first = lo;
    *last = hi;
}

// Whether every kernel row of output row oy is inside the image.
static inline int ep_dwconv_row_inside(const ep_dwconv_params *p, int oy) {
    const int top = oy * p->stride_h - p->pad_top;
    return top >= 0 && top + (p->kh - 1) * p->dilation_h < p->ih;
}
#endif
