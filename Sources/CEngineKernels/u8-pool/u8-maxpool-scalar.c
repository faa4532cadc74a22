#include "ep_u8_pool.h"

// Max is separable: per output row, the max over the window's rows (a straight loop the
// compiler vectorises with pmaxub / umax), then the strided max along that row.
enum { EP_U8_MAXPOOL_ROW = 4096 };

static uint8_t window_max(const uint8_t *input, const ep_pool_params *p, int oy, int ox) {
    uint8_t best = 0;  // a window always holds at least one input pixel (ONNX padding < kernel)
    for (int ky = 0; ky < p->kh; ky++) {
        const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
        if (iy < 0 || iy >= p->ih) continue;
        for (int kx = 0; kx < p->kw; kx++) {
            const int ix = ox * p->stride_w - p->pad_left + kx * p->dilation_w;
            if (ix >= 0 && ix < p->iw && input[iy * p->iw + ix] > best) best = input[iy * p->iw + ix];
        }
    }
    return best;
}

void ep_u8_maxpool_ukernel__scalar(const uint8_t *input, uint8_t *output, const ep_pool_params *p) {
    if (p->iw > EP_U8_MAXPOOL_ROW) {
        for (int oy = 0; oy < p->oh; oy++)
            for (int ox = 0; ox < p->ow; ox++) output[oy * p->ow + ox] = window_max(input, p, oy, ox);
        return;
    }
    uint8_t row[EP_U8_MAXPOOL_ROW];
    for (int oy = 0; oy < p->oh; oy++) {
        for (int ix = 0; ix < p->iw; ix++) row[ix] = 0;
        for (int ky = 0; ky < p->kh; ky++) {
            const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
            if (iy < 0 || iy >= p->ih) continue;
            const uint8_t *in = input + iy * p->iw;
            for (int ix = 0; ix < p->iw; ix++) row[ix] = in[ix] > row[ix] ? in[ix] : row[ix];
        }
        uint8_t *out = output + oy * p->ow;
        for (int ox = 0; ox < p->ow; ox++) {
            const int x0 = ox * p->stride_w - p->pad_left;
            uint8_t best = 0;
            for (int kx = 0; kx < p->kw; kx++) {
                const int ix = x0 + kx * p->dilation_w;
                if (ix >= 0 && ix < p->iw && row[ix] > best) best = row[ix];
            }
            out[ox] = best;
        }
    }
}
