#include "ep_pool_common.h"

void ep_f32_maxpool_ukernel__scalar(const float *input, float *output, const ep_pool_params *p) {
    for (int oy = 0; oy < p->oh; oy++) {
        for (int ox = 0; ox < p->ow; ox++) output[oy * p->ow + ox] = ep_maxpool_pixel(input, p, oy, ox);
    }
}

void ep_f32_avgpool_ukernel__scalar(const float *input, float *output, const ep_pool_params *p) {
    for (int oy = 0; oy < p->oh; oy++) {
        for (int ox = 0; ox < p->ow; ox++) {
            float sum = 0.f;
            int taps = 0, window = 0;
            for (int ky = 0; ky < p->kh; ky++) {
                const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
                for (int kx = 0; kx < p->kw; kx++) {
                    const int ix = ox * p->stride_w - p->pad_left + kx * p->dilation_w;
                    // count_include_pad counts padding taps, not taps past the padded edge (ceil_mode).
                    if (iy < p->ih + p->pad_bottom && ix < p->iw + p->pad_right) window++;
                    if (iy < 0 || iy >= p->ih || ix < 0 || ix >= p->iw) continue;
                    sum += input[iy * p->iw + ix];
                    taps++;
                }
            }
            const int divisor = p->count_include_pad ? window : taps;
            output[oy * p->ow + ox] = divisor > 0 ? sum / (float)divisor : 0.f;
        }
    }
}

float ep_f32_gavgpool_ukernel__scalar(const float *input, size_t n) {
    float sum = 0.f;
    for (size_t i = 0; i < n; i++) sum += input[i];
    return n ? sum / (float)n : 0.f;
}
