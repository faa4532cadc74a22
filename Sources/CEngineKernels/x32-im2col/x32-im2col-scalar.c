#include <string.h>
#include "ep_x32_im2col.h"

// Columns [first, first + count) (output positions oy·ow + ox) of the row for tap (ky, kx):
// zero outside the image; per output row, the in-image span is one contiguous copy at stride 1.
static void ep_im2col_row(const float *image, const ep_dwconv_params *p, int ky, int kx, int first, int count, float *row) {
    // Output columns [lo, hi) read in-image columns.
    const int offset = kx * p->dilation_w - p->pad_left;
    int lo = 0, hi = p->ow;
    while (lo < p->ow && lo * p->stride_w + offset < 0) lo++;
    while (hi > lo && (hi - 1) * p->stride_w + offset >= p->iw) hi--;
    for (int pos = first, end = first + count; pos < end;) {
        const int oy = pos / p->ow, ox0 = pos % p->ow;
        const int ox1 = p->ow < ox0 + (end - pos) ? p->ow : ox0 + (end - pos);
        float *out = row + (pos - first) - ox0;  // indexed by ox
        const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
        pos += ox1 - ox0;
        if (iy < 0 || iy >= p->ih || hi <= lo) {
            memset(out + ox0, 0, sizeof(float) * (size_t)(ox1 - ox0));
            continue;
        }
        const float *in = image + (size_t)iy * p->iw;
        const int start = ox0 > lo ? ox0 : lo, stop = ox1 < hi ? ox1 : hi;
        for (int ox = ox0; ox < ox1 && ox < lo; ox++) out[ox] = 0.f;
        if (p->stride_w == 1) {
            if (stop > start) memcpy(out + start, in + start + offset, sizeof(float) * (size_t)(stop - start));
        } else {
            for (int ox = start; ox < stop; ox++) out[ox] = in[ox * p->stride_w + offset];
        }
        for (int ox = hi > ox0 ? hi : ox0; ox < ox1; ox++) out[ox] = 0.f;
    }
}

void ep_x32_im2col_range(const float *input, int channels, const ep_dwconv_params *p, int first, int count, float *columns) {
    for (int c = 0; c < channels; c++) {
        const float *image = input + (size_t)c * p->ih * p->iw;
        for (int ky = 0; ky < p->kh; ky++) {
            for (int kx = 0; kx < p->kw; kx++) {
                ep_im2col_row(image, p, ky, kx, first, count, columns + ((size_t)(c * p->kh + ky) * p->kw + kx) * (size_t)count);
            }
        }
    }
}

void ep_x32_im2col__scalar(const float *input, int channels, const ep_dwconv_params *p, float *columns) {
    ep_x32_im2col_range(input, channels, p, 0, p->oh * p->ow, columns);
}
