#include <string.h>
#include "ep_x32_im2col.h"

void ep_x32_im2col__scalar(const float *input, int channels, const ep_dwconv_params *p, float *columns) {
    const size_t plane = (size_t)p->oh * p->ow;
    for (int c = 0; c < channels; c++) {
        const float *image = input + (size_t)c * p->ih * p->iw;
        for (int ky = 0; ky < p->kh; ky++) {
            for (int kx = 0; kx < p->kw; kx++) {
                float *row = columns + ((size_t)(c * p->kh + ky) * p->kw + kx) * plane;
                for (int oy = 0; oy < p->oh; oy++) {
                    const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
                    float *out = row + (size_t)oy * p->ow;
                    if (iy < 0 || iy >= p->ih) {
                        memset(out, 0, sizeof(float) * p->ow);
                        continue;
                    }
                    const float *in = image + (size_t)iy * p->iw;
                    for (int ox = 0; ox < p->ow; ox++) {
                        const int ix = ox * p->stride_w - p->pad_left + kx * p->dilation_w;
                        out[ox] = (ix >= 0 && ix < p->iw) ? in[ix] : 0.f;
                    }
                }
            }
        }
    }
}
