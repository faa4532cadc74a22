// Shared by the f32-pool kernels: one max-pooled output pixel with bounds checks.
#ifndef EP_POOL_COMMON_H
#define EP_POOL_COMMON_H
#include <float.h>
#include "ep_f32_pool.h"

static inline float ep_maxpool_pixel(const float *input, const ep_pool_params *p, int oy, int ox) {
    float best = -FLT_MAX;
    int seen = 0;
    for (int ky = 0; ky < p->kh; ky++) {
        const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
        if (iy < 0 || iy >= p->ih) continue;
        for (int kx = 0; kx < p->kw; kx++) {
            const int ix = ox * p->stride_w - p->pad_left + kx * p->dilation_w;
            if (ix < 0 || ix >= p->iw) continue;
            const float v = input[iy * p->iw + ix];
            if (!seen || v > best) best = v;
            seen = 1;
        }
    }
    return best;
}
#endif
