// AVX2+FMA f32-gemm, 6 rows × 16 columns per tile: 12 ymm accumulators (enough to cover two FMA
// ports' latency), two loads of x and six broadcast weights per k — 15 of the 16 registers, so
// the compiler keeps everything in registers (a 4 × 24 tile needs all 16, and clang then
// spills an accumulator inside the loop, which halved the speed). The epilogue works on the
// accumulators.
#include "ep_x86_simd.h"
#if defined(EP_X86_KERNELS)
#include "ep_activation_simd.h"
#include "ep_f32_gemm_common.h"

enum { EP_AVX2_MR = 6, EP_AVX2_NR = 16 };

EP_TARGET("avx2,fma")
static void ep_tile_6x16(size_t rows, size_t cols, size_t k, const float *a, const float *x, size_t ldx, float *y, size_t ldy,
                         const float *bias, const float *res, const ep_activation *act) {
    __m256 c[EP_AVX2_MR][2];
    for (size_t r = 0; r < EP_AVX2_MR; r++) c[r][0] = c[r][1] = _mm256_set1_ps(bias && r < rows ? bias[r] : 0.f);
    for (size_t t = 0; t < k; t++, a += EP_AVX2_MR, x += ldx) {
        const __m256 x0 = _mm256_loadu_ps(x), x1 = _mm256_loadu_ps(x + 8);
        for (size_t r = 0; r < EP_AVX2_MR; r++) {
            const __m256 w = _mm256_broadcast_ss(a + r);
            c[r][0] = _mm256_fmadd_ps(w, x0, c[r][0]);
            c[r][1] = _mm256_fmadd_ps(w, x1, c[r][1]);
        }
    }
    for (size_t r = 0; r < rows; r++) {
        float *out = y + r * ldy;
        const float *rr = res ? res + r * ldy : NULL;
        if (cols == EP_AVX2_NR) {
            for (size_t v = 0; v < 2; v++) {
                const __m256 sum = rr ? _mm256_add_ps(c[r][v], _mm256_loadu_ps(rr + 8 * v)) : c[r][v];
                _mm256_storeu_ps(out + 8 * v, ep_activate8(sum, act));
            }
        } else {
            float acc[EP_AVX2_NR];
            for (size_t v = 0; v < 2; v++) _mm256_storeu_ps(acc + 8 * v, c[r][v]);
            ep_f32_gemm_store_partial(acc, cols, rr, act, out);
        }
    }
}

void ep_f32_gemm_minmax_ukernel_6x16__avx2(EP_F32_GEMM_ARGS) {
    ep_f32_gemm_tiles(m, k, j0, j1, packed, x, ldx, y, ldy, p, tail, EP_AVX2_MR, EP_AVX2_NR, ep_tile_6x16);
}
#endif
