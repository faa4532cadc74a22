// AVX2+FMA f32-gemm, 4 rows × 24 columns per tile: 12 ymm accumulators (enough to cover two FMA
// ports' latency), three loads of x and four broadcast weights per k; M a multiple of 4, as
// nearly every CNN's channel count is, wastes no row. The epilogue works on the accumulators.
#include "ep_x86_simd.h"
#if defined(EP_X86_KERNELS)
#include "ep_activation_simd.h"
#include "ep_f32_gemm_common.h"

enum { EP_AVX2_MR = 4, EP_AVX2_NR = 24 };

EP_TARGET("avx2,fma")
static void ep_tile_4x24(size_t rows, size_t cols, size_t k, const float *a, const float *x, size_t ldx, float *y, size_t ldy,
                         const float *bias, const float *res, const ep_activation *act) {
    __m256 c[EP_AVX2_MR][3];
    for (size_t r = 0; r < EP_AVX2_MR; r++) c[r][0] = c[r][1] = c[r][2] = _mm256_set1_ps(bias && r < rows ? bias[r] : 0.f);
    for (size_t t = 0; t < k; t++, a += EP_AVX2_MR, x += ldx) {
        const __m256 x0 = _mm256_loadu_ps(x), x1 = _mm256_loadu_ps(x + 8), x2 = _mm256_loadu_ps(x + 16);
        for (size_t r = 0; r < EP_AVX2_MR; r++) {
            const __m256 w = _mm256_broadcast_ss(a + r);
            c[r][0] = _mm256_fmadd_ps(w, x0, c[r][0]);
            c[r][1] = _mm256_fmadd_ps(w, x1, c[r][1]);
            c[r][2] = _mm256_fmadd_ps(w, x2, c[r][2]);
        }
    }
    for (size_t r = 0; r < rows; r++) {
        float *out = y + r * ldy;
        const float *rr = res ? res + r * ldy : NULL;
        if (cols == EP_AVX2_NR) {
            for (size_t v = 0; v < 3; v++) {
                __m256 sum = rr ? _mm256_add_ps(c[r][v], _mm256_loadu_ps(rr + 8 * v)) : c[r][v];
                _mm256_storeu_ps(out + 8 * v, ep_activate8(sum, act));
            }
        } else {
            float acc[EP_AVX2_NR];
            for (size_t v = 0; v < 3; v++) _mm256_storeu_ps(acc + 8 * v, c[r][v]);
            ep_f32_gemm_store_partial(acc, cols, rr, act, out);
        }
    }
}

void ep_f32_gemm_minmax_ukernel_4x24__avx2(EP_F32_GEMM_ARGS) {
    ep_f32_gemm_tiles(m, k, j0, j1, packed, x, ldx, y, ldy, p, tail, EP_AVX2_MR, EP_AVX2_NR, ep_tile_4x24);
}
#endif
