// AVX-VNNI quantized GEMM (Intel Alder Lake and later, AMD Zen 5): the VEX-encoded 256-bit
// vpdpbusd on CPUs without AVX-512 (or where 256-bit work is preferred), 4 rows × 16 columns
// per tile on c4-packed operands, 32 multiply-adds per instruction, driven by ep_qgemm_c4_tiles.
#include <string.h>
#include "ep_qgemm_x86_common.h"
#if defined(EP_X86_KERNELS)

enum { EP_VNNI256_NR = 16, EP_VNNI256_MR = 4 };

EP_TARGET("avx2,fma,avxvnni")
static void ep_tile_4x16(size_t rows, size_t quads, const int32_t *w, const int32_t *xc, size_t stride, uint8_t *y, size_t n,
                         size_t cols, const ep_qgemm_params *p) {
    const int32_t *wr[EP_VNNI256_MR];
    __m256i lo[EP_VNNI256_MR], hi[EP_VNNI256_MR];
    for (size_t r = 0; r < EP_VNNI256_MR; r++) {
        const size_t row = r < rows ? r : 0;
        wr[r] = w + row * quads;
        lo[r] = hi[r] = _mm256_set1_epi32(p->bias[row]);
    }
    for (size_t t = 0; t < quads; t++, xc += stride) {
        const __m256i x0 = _mm256_loadu_si256((const __m256i *)xc);
        const __m256i x1 = _mm256_loadu_si256((const __m256i *)(xc + 8));
        for (size_t r = 0; r < EP_VNNI256_MR; r++) {
            const __m256i wb = _mm256_set1_epi32(wr[r][t]);
            lo[r] = _mm256_dpbusd_avx_epi32(lo[r], x0, wb);
            hi[r] = _mm256_dpbusd_avx_epi32(hi[r], x1, wb);
        }
    }
    for (size_t r = 0; r < rows; r++) {
        const __m128i bytes = _mm_unpacklo_epi64(ep_requantize8_avx2(lo[r], p->multiplier[r], p),
                                                 ep_requantize8_avx2(hi[r], p->multiplier[r], p));
        if (cols == EP_VNNI256_NR) {
            _mm_storeu_si128((__m128i *)(y + r * n), bytes);
        } else {
            uint8_t tile[EP_VNNI256_NR];
            _mm_storeu_si128((__m128i *)tile, bytes);
            memcpy(y + r * n, tile, cols);
        }
    }
}

void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x16c4__avxvnni(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x,
                                                          uint8_t *y, const ep_qgemm_params *p) {
    ep_qgemm_c4_tiles(m, n, k, w, x, y, p, EP_VNNI256_MR, EP_VNNI256_NR, ep_tile_4x16);
}
#endif
