// qu8-qc8w-gemm, c4 layout: the same GEMM and requantization as ep_qu8_qc8w_gemm.h, on operands
// packed in groups of four k for the dot-product instructions (NEON sdot, x86 vpdpbusd):
//   weights     row m = ceil(K/4) words, word t = w[m][4t..4t+3] as int8 bytes (0 past K);
//   activations word [t][j] = x[4t..4t+3][j] as uint8 bytes (0 past K).
// NEON has no unsigned×signed dot product without i8mm, so the dotprod kernel flips the
// activations to int8 (x − 128, an XOR of the top bit) and adds 128·Σ_k w[m][k] back; the i8mm
// kernel uses usdot directly.
#ifndef EP_QU8_QC8W_GEMM_C4_H
#define EP_QU8_QC8W_GEMM_C4_H
#include "ep_qu8_qc8w_gemm.h"
#if defined(__x86_64__)
#include <emmintrin.h>
#elif defined(__aarch64__)
#include <arm_neon.h>
#endif

void ep_qc8w_pack_quads(size_t m, size_t k, const int8_t *w, int32_t *packed);
void ep_qu8_pack_quads(size_t k, size_t n, const uint8_t *x, int32_t *packed);

void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_c4__scalar(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                                     const ep_qgemm_params *p);
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8c4__neondot(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x,
                                                         uint8_t *y, const ep_qgemm_params *p);
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_8x32c4__avx512vnni(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x,
                                                             uint8_t *y, const ep_qgemm_params *p);
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x16c4__avxvnni(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x,
                                                          uint8_t *y, const ep_qgemm_params *p);
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8c4__neoni8mm(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x,
                                                          uint8_t *y, const ep_qgemm_params *p);

// Rows r0..r3 (NULL: past K, zeros) of n uint8 activations → n c4 words, word j = the four
// rows' bytes at column j: 16 columns per step with SSE2 / NEON byte and halfword interleaves.
static inline void ep_interleave_quads(const uint8_t *r0, const uint8_t *r1, const uint8_t *r2, const uint8_t *r3, size_t n,
                                       int32_t *out) {
    static const uint8_t zeros[16] = {0};
    size_t j = 0;
#if defined(__x86_64__) || defined(__aarch64__)
    for (; j + 16 <= n; j += 16) {
        const uint8_t *a = r0 ? r0 + j : zeros, *b = r1 ? r1 + j : zeros, *c = r2 ? r2 + j : zeros, *d = r3 ? r3 + j : zeros;
#if defined(__x86_64__)
        const __m128i ab_lo = _mm_unpacklo_epi8(_mm_loadu_si128((const __m128i *)a), _mm_loadu_si128((const __m128i *)b));
        const __m128i ab_hi = _mm_unpackhi_epi8(_mm_loadu_si128((const __m128i *)a), _mm_loadu_si128((const __m128i *)b));
        const __m128i cd_lo = _mm_unpacklo_epi8(_mm_loadu_si128((const __m128i *)c), _mm_loadu_si128((const __m128i *)d));
        const __m128i cd_hi = _mm_unpackhi_epi8(_mm_loadu_si128((const __m128i *)c), _mm_loadu_si128((const __m128i *)d));
        _mm_storeu_si128((__m128i *)(out + j), _mm_unpacklo_epi16(ab_lo, cd_lo));
        _mm_storeu_si128((__m128i *)(out + j + 4), _mm_unpackhi_epi16(ab_lo, cd_lo));
        _mm_storeu_si128((__m128i *)(out + j + 8), _mm_unpacklo_epi16(ab_hi, cd_hi));
        _mm_storeu_si128((__m128i *)(out + j + 12), _mm_unpackhi_epi16(ab_hi, cd_hi));
#else
        const uint8x16x2_t ab = vzipq_u8(vld1q_u8(a), vld1q_u8(b)), cd = vzipq_u8(vld1q_u8(c), vld1q_u8(d));
        const uint16x8x2_t lo = vzipq_u16(vreinterpretq_u16_u8(ab.val[0]), vreinterpretq_u16_u8(cd.val[0]));
        const uint16x8x2_t hi = vzipq_u16(vreinterpretq_u16_u8(ab.val[1]), vreinterpretq_u16_u8(cd.val[1]));
        vst1q_u16((uint16_t *)(out + j), lo.val[0]);
        vst1q_u16((uint16_t *)(out + j + 4), lo.val[1]);
        vst1q_u16((uint16_t *)(out + j + 8), hi.val[0]);
        vst1q_u16((uint16_t *)(out + j + 12), hi.val[1]);
#endif
    }
#endif
    uint8_t *bytes = (uint8_t *)out;
    for (; j < n; j++) {
        bytes[4 * j] = r0 ? r0[j] : 0;
        bytes[4 * j + 1] = r1 ? r1[j] : 0;
        bytes[4 * j + 2] = r2 ? r2[j] : 0;
        bytes[4 * j + 3] = r3 ? r3[j] : 0;
    }
}

// Columns [j, n) one at a time on the c4 layout: the scalar kernel, and the ISA kernels' tail.
static inline void ep_qgemm_c4_column_tail(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                           const ep_qgemm_params *p, size_t j) {
    const size_t quads = (k + 3) / 4;
    for (; j < n; j++) {
        for (size_t i = 0; i < m; i++) {
            const int8_t *wr = (const int8_t *)(w + i * quads);
            int32_t acc = p->bias[i];
            for (size_t t = 0; t < quads; t++) {
                const uint8_t *xq = (const uint8_t *)(x + t * n + j);
                for (size_t b = 0; b < 4; b++) acc += (int32_t)wr[4 * t + b] * (int32_t)xq[b];
            }
            y[i * n + j] = ep_requantize(acc, p->multiplier[i], p);
        }
    }
}
#endif
