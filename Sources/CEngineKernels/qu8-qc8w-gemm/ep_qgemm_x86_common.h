// Shared by the x86 qu8-qc8w-gemm kernels: requantizing 8 int32 accumulators to 8 uint8 (fp32
// scaling, round half to even as ep_requantize does, zero point, clamp), and the c4 kernels' tile driver.
#ifndef EP_QGEMM_X86_COMMON_H
#define EP_QGEMM_X86_COMMON_H
#include "ep_x86_simd.h"
#include <stdlib.h>
#include <string.h>
#include "ep_qu8_qc8w_gemm_c4.h"
#if defined(EP_X86_KERNELS)

EP_TARGET("avx2,fma")
static inline __m128i ep_requantize8_avx2(__m256i acc, float multiplier, const ep_qgemm_params *p) {
    const __m256 scaled = _mm256_mul_ps(_mm256_cvtepi32_ps(acc), _mm256_set1_ps(multiplier));
    __m256i q = _mm256_add_epi32(_mm256_cvtps_epi32(scaled), _mm256_set1_epi32(p->y_zero));
    q = _mm256_min_epi32(_mm256_max_epi32(q, _mm256_set1_epi32(p->y_min)), _mm256_set1_epi32(p->y_max));
    const __m128i packed16 = _mm_packs_epi32(_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1));
    return _mm_packus_epi16(packed16, packed16);  // the 8 bytes in the low half
}

EP_TARGET("avx2,fma")
static inline void ep_store8(__m256i acc, float multiplier, const ep_qgemm_params *p, uint8_t *out) {
    _mm_storel_epi64((__m128i *)out, ep_requantize8_avx2(acc, multiplier, p));
}
// One register tile of a c4 kernel: rows [0, rows) of w (bias and multiplier offset to match)
// times the `nr` columns at xc (row stride `stride` words), `cols` of them stored at y (row
// stride n).
typedef void (*ep_qgemm_c4_tile)(size_t rows, size_t quads, const int32_t *w, const int32_t *xc, size_t stride, uint8_t *y,
                                 size_t n, size_t cols, const ep_qgemm_params *p);

// Drives a c4 kernel's tiles over the whole GEMM: full column tiles in place, the last columns
// through a zero-padded copy of their tile, so that every tile runs the vector loop.
static inline void ep_qgemm_c4_tiles(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                     const ep_qgemm_params *p, size_t mr, size_t nr, ep_qgemm_c4_tile tile) {
    const size_t quads = (k + 3) / 4;
    const size_t full = n / nr * nr;
    size_t end = n;
    int32_t *padded = NULL;
    if (full < n) {
        padded = calloc(quads * nr, sizeof(int32_t));
        if (!padded) {  // no memory for the padded tile: the oracle's loop, slower but exact
            ep_qgemm_c4_column_tail(m, n, k, w, x, y, p, full);
            end = full;
        } else {
            for (size_t t = 0; t < quads; t++) memcpy(padded + t * nr, x + t * n + full, (n - full) * sizeof(int32_t));
        }
    }
    for (size_t j = 0; j < end; j += nr) {
        const int32_t *xc = j < full ? x + j : padded;
        const size_t stride = j < full ? n : nr, cols = j < full ? nr : n - full;
        for (size_t i = 0; i < m; i += mr) {
            ep_qgemm_params rows = *p;
            rows.bias += i;
            rows.multiplier += i;
            tile(m - i < mr ? m - i : mr, quads, w + i * quads, xc, stride, y + i * n + j, n, cols, &rows);
        }
    }
    free(padded);
}
#endif
#endif
