#include <string.h>
#include "ep_x8_im2col.h"

void ep_x8_im2col__scalar(const uint8_t *input, int channels, const ep_dwconv_params *p, uint8_t pad, uint8_t *columns) {
    const size_t plane = (size_t)p->oh * p->ow;
    for (int c = 0; c < channels; c++) {
        const uint8_t *image = input + (size_t)c * p->ih * p->iw;
        for (int ky = 0; ky < p->kh; ky++) {
            for (int kx = 0; kx < p->kw; kx++) {
                uint8_t *row = columns + ((size_t)(c * p->kh + ky) * p->kw + kx) * plane;
                const int offset = kx * p->dilation_w - p->pad_left;
                for (int oy = 0; oy < p->oh; oy++) {
                    const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
                    uint8_t *out = row + (size_t)oy * p->ow;
                    if (iy < 0 || iy >= p->ih) {
                        memset(out, pad, (size_t)p->ow);
                        continue;
                    }
                    const uint8_t *in = image + (size_t)iy * p->iw;
                    for (int ox = 0; ox < p->ow; ox++) {
                        const int ix = ox * p->stride_w + offset;
                        out[ox] = (ix >= 0 && ix < p->iw) ? in[ix] : pad;
                    }
                }
            }
        }
    }
}
