// AVX-512 f32-gemm, 8 rows × 32 columns per tile: 16 zmm accumulators, two loads of x and eight
// broadcast weights per k — Zen 4's double-pumped and Intel's two 512-bit FMA ports both stay fed.
// Bias, residual and activation are applied before the one store of each row.
#include "ep_x86_simd.h"
#if defined(EP_X86_KERNELS)
#include "ep_activation_simd.h"
#include "ep_f32_gemm_common.h"

enum { EP_AVX512_MR = 8, EP_AVX512_NR = 32 };

// The activation on a stored row of 32 floats, in place (still in L1).
EP_TARGET("avx2,fma,avx512f")
static inline void ep_activate_row32(float *row, const ep_activation *act) {
    if (act->kind == 0) return;
    if (act->kind == 1) {
        const __m512 lo = _mm512_set1_ps(act->min), hi = _mm512_set1_ps(act->max);
        _mm512_storeu_ps(row, _mm512_min_ps(_mm512_max_ps(_mm512_loadu_ps(row), lo), hi));
        _mm512_storeu_ps(row + 16, _mm512_min_ps(_mm512_max_ps(_mm512_loadu_ps(row + 16), lo), hi));
        return;
    }
    for (size_t j = 0; j < EP_AVX512_NR; j += 8) _mm256_storeu_ps(row + j, ep_activate8(_mm256_loadu_ps(row + j), act));
}

EP_TARGET("avx2,fma,avx512f")
static void ep_tile_8x32(size_t rows, size_t cols, size_t k, const float *a, const float *x, size_t ldx, float *y, size_t ldy,
                         const float *bias, const float *res, const ep_activation *act) {
    __m512 lo[EP_AVX512_MR], hi[EP_AVX512_MR];
    for (size_t r = 0; r < EP_AVX512_MR; r++) lo[r] = hi[r] = _mm512_set1_ps(bias && r < rows ? bias[r] : 0.f);
    for (size_t t = 0; t < k; t++, a += EP_AVX512_MR, x += ldx) {
        const __m512 x0 = _mm512_loadu_ps(x), x1 = _mm512_loadu_ps(x + 16);
        for (size_t r = 0; r < EP_AVX512_MR; r++) {
            const __m512 w = _mm512_set1_ps(a[r]);
            lo[r] = _mm512_fmadd_ps(w, x0, lo[r]);
            hi[r] = _mm512_fmadd_ps(w, x1, hi[r]);
        }
    }
    for (size_t r = 0; r < rows; r++) {
        float *out = y + r * ldy;
        const float *rr = res ? res + r * ldy : NULL;
        if (cols == EP_AVX512_NR) {
            __m512 v0 = lo[r], v1 = hi[r];
            if (rr) {
                v0 = _mm512_add_ps(v0, _mm512_loadu_ps(rr));
                v1 = _mm512_add_ps(v1, _mm512_loadu_ps(rr + 16));
            }
            _mm512_storeu_ps(out, v0);
            _mm512_storeu_ps(out + 16, v1);
            ep_activate_row32(out, act);
        } else {
            float acc[EP_AVX512_NR];
            _mm512_storeu_ps(acc, lo[r]);
            _mm512_storeu_ps(acc + 16, hi[r]);
            ep_f32_gemm_store_partial(acc, cols, rr, act, out);
        }
    }
}

void ep_f32_gemm_minmax_ukernel_8x32__avx512f(EP_F32_GEMM_ARGS) {
    ep_f32_gemm_tiles(m, k, j0, j1, packed, x, ldx, y, ldy, p, tail, EP_AVX512_MR, EP_AVX512_NR, ep_tile_8x32);
}
#endif
