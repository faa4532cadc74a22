// AVX-512 f32-gemm, 8 rows × 32 columns per tile: 16 zmm accumulators, two loads of x and eight
// broadcast weights per k — Zen 4's double-pumped and Intel's two 512-bit FMA ports both stay fed.
// Bias, residual and activation are applied in registers before the one store of each row.
#include "ep_x86_simd.h"
#if defined(EP_X86_KERNELS)
#include "ep_activation_simd.h"
#include "ep_f32_gemm_common.h"

enum { EP_AVX512_MR = 8, EP_AVX512_NR = 32 };

// The activation on 16 accumulated floats, in registers: linear, clamp and ReLU (and the affine
// after them) in 512 bits, the others through their 256-bit forms.
EP_TARGET("avx2,fma,avx512f")
static inline __m512 ep_activate16(__m512 v, const ep_activation *act) {
    if (act->kind <= 1) {
        if (act->kind == 1) v = _mm512_min_ps(_mm512_max_ps(v, _mm512_set1_ps(act->min)), _mm512_set1_ps(act->max));
        return act->affine ? _mm512_fmadd_ps(v, _mm512_set1_ps(act->scale), _mm512_set1_ps(act->shift)) : v;
    }
    const __m256 low = ep_activate8(_mm512_castps512_ps256(v), act);
    const __m256 high = ep_activate8(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1)), act);
    return _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_castps_pd(low)), _mm256_castps_pd(high), 1));
}

// `vectors` (1 or 2, a constant once inlined) of 16 columns: a tail of at most 16 columns runs
// half the FMAs of a full tile.
EP_TARGET("avx2,fma,avx512f")
static inline __attribute__((always_inline)) void ep_tile_8xv(int vectors, size_t rows, size_t cols, size_t k, const float *a,
                                                              const float *x, size_t ldx, float *y, size_t ldy, const float *bias,
                                                              const float *res, const ep_activation *act) {
    __m512 c[EP_AVX512_MR][2];
    for (size_t r = 0; r < EP_AVX512_MR; r++) c[r][0] = c[r][1] = _mm512_set1_ps(bias && r < rows ? bias[r] : 0.f);
    for (size_t t = 0; t < k; t++, a += EP_AVX512_MR, x += ldx) {
        const __m512 x0 = _mm512_loadu_ps(x), x1 = vectors == 2 ? _mm512_loadu_ps(x + 16) : x0;
        for (size_t r = 0; r < EP_AVX512_MR; r++) {
            const __m512 w = _mm512_set1_ps(a[r]);
            c[r][0] = _mm512_fmadd_ps(w, x0, c[r][0]);
            if (vectors == 2) c[r][1] = _mm512_fmadd_ps(w, x1, c[r][1]);
        }
    }
    for (size_t r = 0; r < rows; r++) {
        float *out = y + r * ldy;
        const float *rr = res ? res + r * ldy : NULL;
        if (cols == 16 * (size_t)vectors) {
            for (int v = 0; v < vectors; v++) {
                __m512 sum = rr ? _mm512_add_ps(c[r][v], _mm512_loadu_ps(rr + 16 * v)) : c[r][v];
                _mm512_storeu_ps(out + 16 * v, ep_activate16(sum, act));
            }
        } else {
            float acc[EP_AVX512_NR];
            for (int v = 0; v < vectors; v++) _mm512_storeu_ps(acc + 16 * v, c[r][v]);
            ep_f32_gemm_store_partial(acc, cols, rr, act, out);
        }
    }
}

EP_TARGET("avx2,fma,avx512f")
static void ep_tile_8x32(size_t rows, size_t cols, size_t k, const float *a, const float *x, size_t ldx, float *y, size_t ldy,
                         const float *bias, const float *res, const ep_activation *act) {
    if (cols > 16) ep_tile_8xv(2, rows, cols, k, a, x, ldx, y, ldy, bias, res, act);
    else ep_tile_8xv(1, rows, cols, k, a, x, ldx, y, ldy, bias, res, act);
}

void ep_f32_gemm_minmax_ukernel_8x32__avx512f(EP_F32_GEMM_ARGS) {
    ep_f32_gemm_tiles(m, k, j0, j1, packed, x, ldx, y, ldy, p, tail, EP_AVX512_MR, EP_AVX512_NR, ep_tile_8x32);
}
#endif
