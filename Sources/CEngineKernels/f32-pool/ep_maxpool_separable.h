// Max pooling, separable, for the ISA kernels (compiled into each with its target): per output
// row, the max over the window's rows into a row padded with −FLT_MAX (what ep_maxpool_pixel
// starts from, so padding never wins over a pixel), then the max along that row. Every loop is
// contiguous, so the compiler vectorises it for the including kernel's target; at stride 2 the
// row is first split into even and odd columns so that each tap is contiguous again. kh + kw
// maxima per output instead of kh·kw (YOLO's SPP pools are 5×5 to 13×13 at stride 1).
#ifndef EP_MAXPOOL_SEPARABLE_H
#define EP_MAXPOOL_SEPARABLE_H
#include "ep_pool_common.h"

enum { EP_MAXPOOL_ROW = 2048, EP_MAXPOOL_SLACK = 16 };

static inline __attribute__((always_inline)) void ep_max_into(float *out, const float *src, int n) {
    for (int i = 0; i < n; i++) out[i] = src[i] > out[i] ? src[i] : out[i];
}

static inline __attribute__((always_inline)) void ep_f32_maxpool_separable(const float *input, float *output, const ep_pool_params *p) {
    // Padded columns the windows read (ceil_mode may reach past the right padding).
    const int span = (p->ow - 1) * p->stride_w + (p->kw - 1) * p->dilation_w + 1;
    const int width = span > p->pad_left + p->iw ? span : p->pad_left + p->iw;
    if (width > EP_MAXPOOL_ROW) {
        for (int oy = 0; oy < p->oh; oy++)
            for (int ox = 0; ox < p->ow; ox++) output[oy * p->ow + ox] = ep_maxpool_pixel(input, p, oy, ox);
        return;
    }
    float row[EP_MAXPOOL_ROW + EP_MAXPOOL_SLACK], even[EP_MAXPOOL_ROW / 2 + EP_MAXPOOL_SLACK], odd[EP_MAXPOOL_ROW / 2 + EP_MAXPOOL_SLACK];
    for (int oy = 0; oy < p->oh; oy++) {
        for (int i = 0; i < width + 1; i++) row[i] = -FLT_MAX;
        for (int ky = 0; ky < p->kh; ky++) {
            const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
            if (iy >= 0 && iy < p->ih) ep_max_into(row + p->pad_left, input + (size_t)iy * p->iw, p->iw);
        }
        float *out = output + (size_t)oy * p->ow;
        for (int ox = 0; ox < p->ow; ox++) out[ox] = -FLT_MAX;
        if (p->stride_w == 1) {
            for (int kx = 0; kx < p->kw; kx++) ep_max_into(out, row + kx * p->dilation_w, p->ow);
        } else if (p->stride_w == 2) {
            const int half = (width + 1) / 2;
            for (int i = 0; i < half; i++) {
                even[i] = row[2 * i];
                odd[i] = row[2 * i + 1];
            }
            for (int kx = 0; kx < p->kw; kx++) {
                const int tap = kx * p->dilation_w;
                ep_max_into(out, ((tap & 1) ? odd : even) + tap / 2, p->ow);
            }
        } else {
            for (int ox = 0; ox < p->ow; ox++)
                for (int kx = 0; kx < p->kw; kx++) {
                    const float v = row[ox * p->stride_w + kx * p->dilation_w];
                    out[ox] = v > out[ox] ? v : out[ox];
                }
        }
    }
}
#endif
