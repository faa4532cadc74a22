// AVX2 integer depthwise convolution over the x_zero-padded plane: 16 output columns per step,
// taps in pairs through pmaddwd (x as 16-bit, w as 16-bit pairs) into two int32 accumulators,
// fp32 requantization in vector registers, one-column tail.
#if defined(__x86_64__)
#include <immintrin.h>
#include "ep_qdwconv_common.h"

// 16 inputs at base, base + sw, …, as 16-bit lanes.
__attribute__((target("avx2"), always_inline))
static inline __m256i ep_qdw_load16(const uint8_t *base, int sw) {
    if (sw == 1) return _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)base));
    if (sw == 2) return _mm256_and_si256(_mm256_loadu_si256((const __m256i *)base), _mm256_set1_epi16(0xFF));
    uint8_t lanes[16];
    for (int j = 0; j < 16; j++) lanes[j] = base[j * sw];
    return _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)lanes));
}

__attribute__((target("avx2"), always_inline))
static inline __m256i ep_qdw_requantize8(__m256i acc, __m256 multiplier, __m256 low, __m256 high, __m256i zero) {
    const __m256 scaled = _mm256_min_ps(_mm256_max_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(acc), multiplier), low), high);
    return _mm256_add_epi32(_mm256_cvtps_epi32(scaled), zero);  // rounds half to even (default MXCSR)
}

// Inlined once per stride the caller passes as a constant, so the tap loop has no stride test.
__attribute__((target("avx2"), always_inline))
static inline void ep_qdw_rows16(const uint8_t *plane, const int32_t *offsets, const int32_t *weights, int taps, uint8_t *output,
                                 const ep_dwconv_params *p, const ep_qdwconv_channel *c, int sw) {
    const int pw = ep_dwconv_padded_width(p);
    const __m256 multiplier = _mm256_set1_ps(c->multiplier);
    const __m256 low = _mm256_set1_ps((float)(c->y_min - c->y_zero)), high = _mm256_set1_ps((float)(c->y_max - c->y_zero));
    const __m256i zero = _mm256_set1_epi32(c->y_zero);
    for (int oy = 0; oy < p->oh; oy++) {
        const uint8_t *rows = plane + (size_t)oy * p->stride_h * pw;
        uint8_t *out = output + (size_t)oy * p->ow;
        int ox = 0;
        for (; ox + 16 <= p->ow; ox += 16) {
            const uint8_t *at = rows + (size_t)ox * sw;
            __m256i lo = _mm256_set1_epi32(c->bias), hi = lo;  // columns 0–3 | 8–11 and 4–7 | 12–15
            for (int t = 0; t < taps; t += 2) {
                const __m256i a = ep_qdw_load16(at + offsets[t], sw), b = ep_qdw_load16(at + offsets[t + 1], sw);
                const __m256i w = _mm256_set1_epi32((int32_t)(((uint32_t)weights[t] & 0xFFFFu) | ((uint32_t)weights[t + 1] << 16)));
                lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(a, b), w));
                hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(a, b), w));
            }
            const __m256i words = _mm256_packs_epi32(ep_qdw_requantize8(lo, multiplier, low, high, zero),
                                                     ep_qdw_requantize8(hi, multiplier, low, high, zero));
            const __m128i bytes = _mm_packus_epi16(_mm256_castsi256_si128(words), _mm256_extracti128_si256(words, 1));
            _mm_storeu_si128((__m128i *)(out + ox), bytes);
        }
        ep_qdw_tail(rows, offsets, weights, taps, p, c, out, ox);
    }
}

__attribute__((target("avx2")))
void ep_qu8_qc8w_dwconv_minmax_fp32_ukernel__avx2(const uint8_t *input, const int8_t *kernel, uint8_t *output,
                                                  const ep_dwconv_params *p, const ep_qdwconv_channel *c, uint8_t *scratch) {
    int32_t *offsets, *weights;
    const int taps = ep_qdw_prepare(input, kernel, p, c, scratch, &offsets, &weights);
    if (p->stride_w == 1) ep_qdw_rows16(scratch, offsets, weights, taps, output, p, c, 1);
    else if (p->stride_w == 2) ep_qdw_rows16(scratch, offsets, weights, taps, output, p, c, 2);
    else ep_qdw_rows16(scratch, offsets, weights, taps, output, p, c, p->stride_w);
}
#endif
