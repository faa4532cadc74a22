// Shared by the qu8-qc8w-dwconv kernels: requantization of one accumulator, the x_zero-padded
// copy of the plane, the tap table and the one-column tail the ISA kernels end rows with.
#ifndef EP_QDWCONV_COMMON_H
#define EP_QDWCONV_COMMON_H
#include <math.h>
#include <string.h>
#include "ep_qu8_qc8w_dwconv.h"

// Clamped in float before rounding: equal to rounding then clamping for integer bounds, and no
// float→int conversion ever overflows.
static inline uint8_t ep_qdw_requantize(int32_t acc, const ep_qdwconv_channel *c) {
    float scaled = (float)acc * c->multiplier;
    const float low = (float)(c->y_min - c->y_zero), high = (float)(c->y_max - c->y_zero);
    scaled = scaled < low ? low : (scaled > high ? high : scaled);
    return (uint8_t)(lrintf(scaled) + c->y_zero);
}

static inline void ep_qdw_pad(const uint8_t *input, const ep_dwconv_params *p, uint8_t x_zero, uint8_t *plane) {
    const int pw = ep_dwconv_padded_width(p), ph = ep_dwconv_padded_height(p);
    memset(plane, x_zero, ep_qu8_dwconv_plane_bytes(p));
    const int x0 = p->pad_left > 0 ? p->pad_left : 0, ix0 = x0 - p->pad_left;
    int n = p->iw - ix0;
    if (x0 + n > pw) n = pw - x0;
    if (n <= 0) return;
    for (int y = 0; y < ph; y++) {
        const int iy = y - p->pad_top;
        if (iy >= 0 && iy < p->ih) memcpy(plane + (size_t)y * pw + x0, input + (size_t)iy * p->iw + ix0, (size_t)n);
    }
}

// Tap t: its offset in the padded plane and its weight; an odd count gets a zero-weight tap at
// offset 0 so kernels can take taps in pairs. Returns the padded tap count.
static inline int ep_qdw_taps(const int8_t *kernel, const ep_dwconv_params *p, int32_t *offsets, int32_t *weights) {
    const int pw = ep_dwconv_padded_width(p);
    int t = 0;
    for (int ky = 0; ky < p->kh; ky++)
        for (int kx = 0; kx < p->kw; kx++, t++) {
            offsets[t] = ky * p->dilation_h * pw + kx * p->dilation_w;
            weights[t] = kernel[t];
        }
    if (t & 1) offsets[t] = 0, weights[t++] = 0;
    return t;
}

// What every ISA kernel does first: the padded plane into scratch, the tap table after it.
// Returns the (even) tap count.
static inline int ep_qdw_prepare(const uint8_t *input, const int8_t *kernel, const ep_dwconv_params *p, const ep_qdwconv_channel *c,
                                 uint8_t *scratch, int32_t **offsets, int32_t **weights) {
    ep_qdw_pad(input, p, (uint8_t)c->x_zero, scratch);
    *offsets = (int32_t *)(scratch + ep_qu8_dwconv_plane_bytes(p));
    *weights = *offsets + (p->kh * p->kw + 1) / 2 * 2;
    return ep_qdw_taps(kernel, p, *offsets, *weights);
}

// Output columns [ox, ow) of one row from the padded plane.
static inline void ep_qdw_tail(const uint8_t *rows, const int32_t *offsets, const int32_t *weights, int taps,
                               const ep_dwconv_params *p, const ep_qdwconv_channel *c, uint8_t *out, int ox) {
    for (; ox < p->ow; ox++) {
        const uint8_t *at = rows + (size_t)ox * p->stride_w;
        int32_t acc = c->bias;
        for (int t = 0; t < taps; t++) acc += weights[t] * at[offsets[t]];
        out[ox] = ep_qdw_requantize(acc, c);
    }
}
#endif
