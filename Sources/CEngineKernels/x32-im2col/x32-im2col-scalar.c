#include "ep_x32_im2col.h"

// n floats in 32-byte moves: the runs are 13–111 floats, where a libc call per run cost more
// than the copy (a twelfth of SqueezeNet's time went to im2col and memmove).
static inline void copy_floats(float *dst, const float *src, int n) {
    int i = 0;
    for (; i + 8 <= n; i += 8) __builtin_memcpy(dst + i, src + i, 32);
    for (; i < n; i++) dst[i] = src[i];
}

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
            for (int ox = ox0; ox < ox1; ox++) out[ox] = 0.f;
            continue;
        }
        const float *in = image + (size_t)iy * p->iw;
        const int start = ox0 > lo ? ox0 : lo, stop = ox1 < hi ? ox1 : hi;
        for (int ox = ox0; ox < ox1 && ox < lo; ox++) out[ox] = 0.f;
        if (p->stride_w == 1) {
            if (stop > start) copy_floats(out + start, in + start + offset, stop - start);
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
