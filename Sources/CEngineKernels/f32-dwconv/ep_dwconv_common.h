// Shared by the f32-dwconv kernels: one output pixel with bounds checks (the oracle), and the
// copy of a plane into a zero-padded scratch plane for the branch-free ISA kernels.
#ifndef EP_DWCONV_COMMON_H
#define EP_DWCONV_COMMON_H
#include <string.h>
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

// Copies the plane into scratch ([padded height][padded width], zero outside the image).
static inline void ep_dwconv_pad(const float *input, const ep_dwconv_params *p, float *scratch) {
    const int pw = ep_dwconv_padded_width(p), ph = ep_dwconv_padded_height(p);
    memset(scratch, 0, ep_dwconv_scratch_floats(p) * sizeof(float));
    for (int y = 0; y < ph; y++) {
        const int iy = y - p->pad_top;
        if (iy < 0 || iy >= p->ih) continue;
        const int x0 = p->pad_left > 0 ? p->pad_left : 0;            // first padded column with image data
        const int ix0 = x0 - p->pad_left;                             // its image column
        int n = p->iw - ix0;
        if (x0 + n > pw) n = pw - x0;
        if (n > 0) memcpy(scratch + (size_t)y * pw + x0, input + (size_t)iy * p->iw + ix0, (size_t)n * sizeof(float));
    }
}
// Output columns [ox, ow) of row oy from the padded plane, one at a time (vector tails).
static inline void ep_dwconv_padded_tail(const float *rows, int pw, const float *kernel, float bias, const ep_dwconv_params *p,
                                         const ep_activation *act, float *out, int ox) {
    for (; ox < p->ow; ox++) {
        float acc = bias;
        for (int ky = 0; ky < p->kh; ky++) {
            const float *row = rows + (size_t)ky * p->dilation_h * pw + (size_t)ox * p->stride_w;
            for (int kx = 0; kx < p->kw; kx++) acc += row[kx * p->dilation_w] * kernel[ky * p->kw + kx];
        }
        out[ox] = ep_activate(acc, act);
    }
}
#endif
