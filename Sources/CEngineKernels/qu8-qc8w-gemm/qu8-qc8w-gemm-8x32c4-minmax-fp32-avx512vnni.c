// AVX512-VNNI quantized GEMM (Intel Cascade Lake and later, AMD Zen 4 and later), 8 rows × 32
// columns per tile on c4-packed operands: one vpdpbusd multiplies 4 k of 16 columns (uint8
// activations, unsigned as the instruction wants them) by a row's 4 broadcast int8 weights and
// adds into int32 — 64 multiply-adds, no saturation, no zero-point flip. The last columns are
// copied into a zero-padded tile (ep_qgemm_c4_tiles); row tails reuse a row.
#include <string.h>
#include "ep_qgemm_x86_common.h"
#if defined(EP_X86_KERNELS)

enum { EP_VNNI512_NR = 32, EP_VNNI512_MR = 8 };

EP_TARGET("avx2,fma,avx512f,avx512bw,avx512vl,avx512vnni")
static void ep_tile_8x32(size_t rows, size_t quads, const int32_t *w, const int32_t *xc, size_t stride, uint8_t *y, size_t n,
                         size_t cols, const ep_qgemm_params *p) {
    const int32_t *wr[EP_VNNI512_MR];
    __m512i lo[EP_VNNI512_MR], hi[EP_VNNI512_MR];
    for (size_t r = 0; r < EP_VNNI512_MR; r++) {
        const size_t row = r < rows ? r : 0;
        wr[r] = w + row * quads;
        lo[r] = hi[r] = _mm512_set1_epi32(p->bias[row]);
    }
    for (size_t t = 0; t < quads; t++, xc += stride) {
        const __m512i x0 = _mm512_loadu_si512((const void *)xc);
        const __m512i x1 = _mm512_loadu_si512((const void *)(xc + 16));
        for (size_t r = 0; r < EP_VNNI512_MR; r++) {
            const __m512i wb = _mm512_set1_epi32(wr[r][t]);
            lo[r] = _mm512_dpbusd_epi32(lo[r], x0, wb);
            hi[r] = _mm512_dpbusd_epi32(hi[r], x1, wb);
        }
    }
    for (size_t r = 0; r < rows; r++) {
        const float multiplier = p->multiplier[r];
        const __m128i q0 = ep_requantize8_avx2(_mm512_castsi512_si256(lo[r]), multiplier, p);
        const __m128i q1 = ep_requantize8_avx2(_mm512_extracti64x4_epi64(lo[r], 1), multiplier, p);
        const __m128i q2 = ep_requantize8_avx2(_mm512_castsi512_si256(hi[r]), multiplier, p);
        const __m128i q3 = ep_requantize8_avx2(_mm512_extracti64x4_epi64(hi[r], 1), multiplier, p);
        const __m128i first = _mm_unpacklo_epi64(q0, q1), second = _mm_unpacklo_epi64(q2, q3);
        uint8_t *out = y + r * n;
        if (cols == EP_VNNI512_NR) {
            _mm_storeu_si128((__m128i *)out, first);
            _mm_storeu_si128((__m128i *)(out + 16), second);
        } else {
            uint8_t tile[EP_VNNI512_NR];
            _mm_storeu_si128((__m128i *)tile, first);
            _mm_storeu_si128((__m128i *)(tile + 16), second);
            memcpy(out, tile, cols);
        }
    }
}

void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_8x32c4__avx512vnni(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x,
                                                             uint8_t *y, const ep_qgemm_params *p) {
    ep_qgemm_c4_tiles(m, n, k, w, x, y, p, EP_VNNI512_MR, EP_VNNI512_NR, ep_tile_8x32);
}
#endif
