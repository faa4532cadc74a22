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

// One K-row of a quad on one output row: in[ox · stride] is tap ox, inside the image for ox in
// [first, last]; in == NULL: every tap is `fill` (a row of padding, or zero past K).
typedef struct {
    const uint8_t *in;
    int first, last;
    uint8_t fill;
} ep_quad_source;

enum { EP_QUAD_SPAN = 256 };

// out[i] = in[i · stride] for i < count, every in[i · stride] readable (in[i · stride + 1]
// may not be: the SIMD step at stride 2 stops one pair short of the end).
static void gather(const uint8_t *in, int stride, int count, uint8_t *out) {
    int i = 0;
    if (stride == 2) {
#if defined(__x86_64__)
        const __m128i low = _mm_set1_epi16(0x00ff);
        for (; i + 16 < count; i += 16) {
            const __m128i a = _mm_loadu_si128((const __m128i *)(in + 2 * i)), b = _mm_loadu_si128((const __m128i *)(in + 2 * i + 16));
            _mm_storeu_si128((__m128i *)(out + i), _mm_packus_epi16(_mm_and_si128(a, low), _mm_and_si128(b, low)));
        }
#elif defined(__aarch64__)
        for (; i + 16 < count; i += 16) vst1q_u8(out + i, vld2q_u8(in + 2 * i).val[0]);
#endif
    }
    for (; i < count; i++) out[i] = in[i * stride];
}

// The c4 words of one output row: the edges (where some row is padding) a byte at a time, the
// span where every row is inside the image (or constant) through the SIMD interleave, after a
// gather at strides other than 1. Buffers on the stack, EP_QUAD_SPAN taps at a time.
static void quad_row(const ep_quad_source *s, int ow, int stride, int32_t *out) {
    int lo = 0, hi = ow - 1;
    for (int b = 0; b < 4; b++)
        if (s[b].in) {
            lo = s[b].first > lo ? s[b].first : lo;
            hi = s[b].last < hi ? s[b].last : hi;
        }
    if (lo > hi) lo = hi = ow;  // no column has every row inside: all edge
    uint8_t *bytes = (uint8_t *)out;
    for (int ox = 0; ox < lo; ox++)
        for (int b = 0; b < 4; b++) bytes[4 * ox + b] = s[b].in && ox >= s[b].first && ox <= s[b].last ? s[b].in[ox * stride] : s[b].fill;
    uint8_t fills[4][EP_QUAD_SPAN], gathered[4][EP_QUAD_SPAN];
    int filled[4] = {0, 0, 0, 0};
    for (int start = lo; start <= hi && hi < ow; start += EP_QUAD_SPAN) {
        const int count = hi + 1 - start < EP_QUAD_SPAN ? hi + 1 - start : EP_QUAD_SPAN;
        const uint8_t *r[4];
        for (int b = 0; b < 4; b++) {
            if (!s[b].in) {
                if (s[b].fill && !filled[b]) memset(fills[b], s[b].fill, EP_QUAD_SPAN), filled[b] = 1;
                r[b] = s[b].fill ? fills[b] : NULL;
            } else if (stride == 1) {
                r[b] = s[b].in + start;
            } else {
                gather(s[b].in + (size_t)start * stride, stride, count, gathered[b]);
                r[b] = gathered[b];
            }
        }
        ep_interleave_quads(r[0], r[1], r[2], r[3], (size_t)count, out + start);
    }
    for (int ox = hi + 1 > lo ? hi + 1 : lo; ox < ow; ox++)
        for (int b = 0; b < 4; b++) bytes[4 * ox + b] = s[b].in && ox >= s[b].first && ox <= s[b].last ? s[b].in[ox * stride] : s[b].fill;
}

// Quads straight from the image, an output row at a time (no K×N columns, no libc call per row).
void ep_x8_im2col_quads_range(const uint8_t *input, int channels, const ep_dwconv_params *p, uint8_t pad, int32_t *packed,
                              int first_quad, int end_quad) {
    const size_t plane = (size_t)p->oh * p->ow;
    const int taps = p->kh * p->kw, k = channels * taps;
    for (int t = first_quad; t < end_quad && 4 * t < k; t++) {
        int ky[4], first[4], last[4];
        const uint8_t *image[4];
        for (int b = 0; b < 4; b++) {
            const int row = 4 * t + b;
            if (row >= k) {
                image[b] = NULL;
                continue;
            }
            const int c = row / taps, tap = row % taps, kx = tap % p->kw;
            ky[b] = tap / p->kw;
            image[b] = input + (size_t)c * p->ih * p->iw + kx * p->dilation_w - p->pad_left;
            const int offset = kx * p->dilation_w - p->pad_left;
            first[b] = offset >= 0 ? 0 : (-offset + p->stride_w - 1) / p->stride_w;
            last[b] = p->iw - 1 - offset < 0 ? -1 : (p->iw - 1 - offset) / p->stride_w;
        }
        for (int oy = 0; oy < p->oh; oy++) {
            ep_quad_source s[4];
            for (int b = 0; b < 4; b++) {
                s[b] = (ep_quad_source){NULL, 0, -1, 0};
                if (!image[b]) continue;
                const int iy = oy * p->stride_h - p->pad_top + ky[b] * p->dilation_h;
                s[b].fill = pad;
                if (iy < 0 || iy >= p->ih || last[b] < first[b]) continue;
                s[b] = (ep_quad_source){image[b] + (size_t)iy * p->iw, first[b], last[b], pad};
            }
            quad_row(s, p->ow, p->stride_w, packed + (size_t)t * plane + (size_t)oy * p->ow);
        }
    }
}

void ep_x8_im2col_quads(const uint8_t *input, int channels, const ep_dwconv_params *p, uint8_t pad, int32_t *packed) {
    ep_x8_im2col_quads_range(input, channels, p, pad, packed, 0, (channels * p->kh * p->kw + 3) / 4);
}
