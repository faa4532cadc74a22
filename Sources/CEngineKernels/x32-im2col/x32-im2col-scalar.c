#include <string.h>
#include "ep_x32_im2col.h"

// One row of columns for tap (ky, kx): zero outside the image; for stride 1 the in-image
// span is one contiguous copy.
static void ep_im2col_row(const float *image, const ep_dwconv_params *p, int ky, int kx, float *row) {
    // Output columns [lo, hi) read in-image columns.
    const int offset = kx * p->dilation_w - p->pad_left;
    int lo = 0, hi = p->ow;
    while (lo < p->ow && lo * p->stride_w + offset < 0) lo++;
    while (hi > lo && (hi - 1) * p->stride_w + offset >= p->iw) hi--;
    for (int oy = 0; oy < p->oh; oy++) {
        const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
        float *out = row + (size_t)oy * p->ow;
        if (iy < 0 || iy >= p->ih) {
            memset(out, 0, sizeof(float) * p->ow);
            continue;
        }
        const float *in = image + (size_t)iy * p->iw;
        for (int ox = 0; ox < lo; ox++) out[ox] = 0.f;
        if (p->stride_w == 1) {
            if (hi > lo) memcpy(out + lo, in + lo + offset, sizeof(float) * (hi - lo));
        } else {
            for (int ox = lo; ox < hi; ox++) out[ox] = in[ox * p->stride_w + offset];
        }
        for (int ox = hi > lo ? hi : lo; ox < p->ow; ox++) out[ox] = 0.f;
    }
}

void ep_x32_im2col__scalar(const float *input, int channels, const ep_dwconv_params *p, float *columns) {
    const size_t plane = (size_t)p->oh * p->ow;
    for (int c = 0; c < channels; c++) {
        const float *image = input + (size_t)c * p->ih * p->iw;
        for (int ky = 0; ky < p->kh; ky++) {
            for (int kx = 0; kx < p->kw; kx++) {
                ep_im2col_row(image, p, ky, kx, columns + ((size_t)(c * p->kh + ky) * p->kw + kx) * plane);
            }
        }
    }
}
