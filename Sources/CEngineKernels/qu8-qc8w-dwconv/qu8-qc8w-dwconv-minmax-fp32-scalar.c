#include "ep_qdwconv_common.h"

void ep_qu8_qc8w_dwconv_minmax_fp32_ukernel__scalar(const uint8_t *input, const int8_t *kernel, uint8_t *output,
                                                    const ep_dwconv_params *p, const ep_qdwconv_channel *c, uint8_t *scratch) {
    (void)scratch;
    for (int oy = 0; oy < p->oh; oy++)
        for (int ox = 0; ox < p->ow; ox++) {
            int32_t acc = c->bias;
            for (int ky = 0; ky < p->kh; ky++) {
                const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
                for (int kx = 0; kx < p->kw; kx++) {
                    const int ix = ox * p->stride_w - p->pad_left + kx * p->dilation_w;
                    const int32_t x = (iy < 0 || iy >= p->ih || ix < 0 || ix >= p->iw) ? c->x_zero : input[iy * p->iw + ix];
                    acc += kernel[ky * p->kw + kx] * x;
                }
            }
            output[oy * p->ow + ox] = ep_qdw_requantize(acc, c);
        }
}
