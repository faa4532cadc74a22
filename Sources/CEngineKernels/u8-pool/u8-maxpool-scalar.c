#include <string.h>
#include "ep_u8_pool.h"
#if defined(__x86_64__)
#include <emmintrin.h>
#elif defined(__aarch64__)
#include <arm_neon.h>
#endif

// Max is separable: per output row, the max over the window's rows into a zero-padded row
// (zero is below every value, and a window always holds an input pixel, so padding never
// wins), then the max along that row: contiguous loops the compiler vectorises (pmaxub / umax)
// at stride 1, and at stride 2 after splitting the row into its even and odd columns (SSE2
// packs, NEON vld2), so that each tap is again a contiguous run. Other strides stay scalar.
enum { EP_U8_MAXPOOL_ROW = 4096, EP_U8_SLACK = 32 };

static uint8_t window_max(const uint8_t *input, const ep_pool_params *p, int oy, int ox) {
    uint8_t best = 0;
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

// even[i] = row[2i], odd[i] = row[2i + 1] for i < (width + 1) / 2 (row readable to width + 32).
static void deinterleave(const uint8_t *row, int width, uint8_t *even, uint8_t *odd) {
    const int half = (width + 1) / 2;
    int i = 0;
#if defined(__x86_64__)
    const __m128i low = _mm_set1_epi16(0x00ff);
    for (; i < half; i += 16) {
        const __m128i a = _mm_loadu_si128((const __m128i *)(row + 2 * i)), b = _mm_loadu_si128((const __m128i *)(row + 2 * i + 16));
        _mm_storeu_si128((__m128i *)(even + i), _mm_packus_epi16(_mm_and_si128(a, low), _mm_and_si128(b, low)));
        _mm_storeu_si128((__m128i *)(odd + i), _mm_packus_epi16(_mm_srli_epi16(a, 8), _mm_srli_epi16(b, 8)));
    }
#elif defined(__aarch64__)
    for (; i < half; i += 16) {
        const uint8x16x2_t pair = vld2q_u8(row + 2 * i);
        vst1q_u8(even + i, pair.val[0]);
        vst1q_u8(odd + i, pair.val[1]);
    }
#else
    for (; i < half; i++) {
        even[i] = row[2 * i];
        odd[i] = row[2 * i + 1];
    }
#endif
}

static void max_into(uint8_t *out, const uint8_t *src, int n) {
    for (int i = 0; i < n; i++) out[i] = src[i] > out[i] ? src[i] : out[i];
}

void ep_u8_maxpool_ukernel__scalar(const uint8_t *input, uint8_t *output, const ep_pool_params *p) {
    // Padded columns the windows read (ceil_mode may reach past the right padding).
    const int span = (p->ow - 1) * p->stride_w + (p->kw - 1) * p->dilation_w + 1;
    const int width = span > p->pad_left + p->iw ? span : p->pad_left + p->iw;
    if (width > EP_U8_MAXPOOL_ROW) {
        for (int oy = 0; oy < p->oh; oy++)
            for (int ox = 0; ox < p->ow; ox++) output[oy * p->ow + ox] = window_max(input, p, oy, ox);
        return;
    }
    uint8_t row[EP_U8_MAXPOOL_ROW + EP_U8_SLACK], even[EP_U8_MAXPOOL_ROW / 2 + EP_U8_SLACK], odd[EP_U8_MAXPOOL_ROW / 2 + EP_U8_SLACK];
    for (int oy = 0; oy < p->oh; oy++) {
        memset(row, 0, (size_t)width + EP_U8_SLACK);
        for (int ky = 0; ky < p->kh; ky++) {
            const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
            if (iy >= 0 && iy < p->ih) max_into(row + p->pad_left, input + iy * p->iw, p->iw);
        }
        uint8_t *out = output + oy * p->ow;
        memset(out, 0, (size_t)p->ow);
        if (p->stride_w == 1) {
            for (int kx = 0; kx < p->kw; kx++) max_into(out, row + kx * p->dilation_w, p->ow);
        } else if (p->stride_w == 2) {
            deinterleave(row, width, even, odd);
            for (int kx = 0; kx < p->kw; kx++) {
                const int tap = kx * p->dilation_w;
                max_into(out, ((tap & 1) ? odd : even) + tap / 2, p->ow);
            }
        } else {
            for (int ox = 0; ox < p->ow; ox++)
                for (int kx = 0; kx < p->kw; kx++) {
                    const uint8_t v = row[ox * p->stride_w + kx * p->dilation_w];
                    out[ox] = v > out[ox] ? v : out[ox];
                }
        }
    }
}
