#include <string.h>
#include "ep_qu8_qc8w_gemm_c4.h"
#include "ep_x8_im2col.h"

// Row (c, ky, kx) of the columns: for each output row, the padding on either side is set in
// one go and the valid taps copied (one memcpy at stride 1).
static void im2col_row(const uint8_t *image, const ep_dwconv_params *p, int ky, int kx, uint8_t pad, uint8_t *row) {
    const int offset = kx * p->dilation_w - p->pad_left;
    // Output columns whose tap ix = ox·stride + offset lies in [0, iw).
    int first = offset >= 0 ? 0 : (-offset + p->stride_w - 1) / p->stride_w;
    int last = p->iw - 1 - offset < 0 ? -1 : (p->iw - 1 - offset) / p->stride_w;
    if (first > p->ow) first = p->ow;
    if (last > p->ow - 1) last = p->ow - 1;
    for (int oy = 0; oy < p->oh; oy++) {
        const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
        uint8_t *out = row + (size_t)oy * p->ow;
        if (iy < 0 || iy >= p->ih || last < first) {
            memset(out, pad, (size_t)p->ow);
            continue;
        }
        const uint8_t *in = image + (size_t)iy * p->iw + offset;
        memset(out, pad, (size_t)first);
        if (p->stride_w == 1) {
            memcpy(out + first, in + first, (size_t)(last - first + 1));
        } else {
            for (int ox = first; ox <= last; ox++) out[ox] = in[ox * p->stride_w];
        }
        memset(out + last + 1, pad, (size_t)(p->ow - 1 - last));
    }
}

void ep_x8_im2col__scalar(const uint8_t *input, int channels, const ep_dwconv_params *p, uint8_t pad, uint8_t *columns) {
    const size_t plane = (size_t)p->oh * p->ow;
    for (int c = 0; c < channels; c++)
        for (int ky = 0; ky < p->kh; ky++)
            for (int kx = 0; kx < p->kw; kx++)
                im2col_row(input + (size_t)c * p->ih * p->iw, p, ky, kx, pad,
                           columns + ((size_t)(c * p->kh + ky) * p->kw + kx) * plane);
}

void ep_x8_im2col_quads_range(const uint8_t *input, int channels, const ep_dwconv_params *p, uint8_t pad, uint8_t *rows,
                              int32_t *packed, int first_quad, int end_quad) {
    const size_t plane = (size_t)p->oh * p->ow;
    const int taps = p->kh * p->kw, k = channels * taps;
    for (int t = first_quad; t < end_quad && 4 * t < k; t++) {
        const uint8_t *filled[4] = {NULL, NULL, NULL, NULL};
        for (int b = 0; b < 4 && 4 * t + b < k; b++) {
            const int row = 4 * t + b, c = row / taps, tap = row % taps;
            im2col_row(input + (size_t)c * p->ih * p->iw, p, tap / p->kw, tap % p->kw, pad, rows + b * plane);
            filled[b] = rows + b * plane;
        }
        ep_interleave_quads(filled[0], filled[1], filled[2], filled[3], plane, packed + (size_t)t * plane);
    }
}

void ep_x8_im2col_quads(const uint8_t *input, int channels, const ep_dwconv_params *p, uint8_t pad, uint8_t *rows, int32_t *packed) {
    ep_x8_im2col_quads_range(input, channels, p, pad, rows, packed, 0, (channels * p->kh * p->kw + 3) / 4);
}
