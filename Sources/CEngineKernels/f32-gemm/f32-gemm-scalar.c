// f32-gemm packing and the scalar kernel (4 × 8 tiles): the oracle of the ISA kernels.
#include "ep_f32_gemm_common.h"

size_t ep_f32_gemm_packed_floats(size_t m, size_t k, size_t mr) { return (m + mr - 1) / mr * mr * k; }

void ep_f32_gemm_pack(size_t m, size_t k, size_t mr, const float *w, float *packed) {
    const size_t panels = (m + mr - 1) / mr;
    for (size_t p = 0; p < panels; p++) {
        for (size_t t = 0; t < k; t++) {
            for (size_t r = 0; r < mr; r++) {
                const size_t row = p * mr + r < m ? p * mr + r : m - 1;
                packed[(p * k + t) * mr + r] = w[row * k + t];
            }
        }
    }
}

enum { EP_SCALAR_MR = 4, EP_SCALAR_NR = 8 };

static void ep_tile_4x8(size_t rows, size_t cols, size_t k, const float *a, const float *x, size_t ldx, float *y, size_t ldy,
                        const float *bias, const float *res, const ep_activation *act) {
    float acc[EP_SCALAR_MR][EP_SCALAR_NR];
    for (size_t r = 0; r < EP_SCALAR_MR; r++)
        for (size_t j = 0; j < EP_SCALAR_NR; j++) acc[r][j] = bias && r < rows ? bias[r] : 0.f;
    for (size_t t = 0; t < k; t++, a += EP_SCALAR_MR, x += ldx)
        for (size_t r = 0; r < EP_SCALAR_MR; r++)
            for (size_t j = 0; j < EP_SCALAR_NR; j++) acc[r][j] += a[r] * x[j];
    for (size_t r = 0; r < rows; r++) ep_f32_gemm_store_partial(acc[r], cols, res ? res + r * ldy : NULL, act, y + r * ldy);
}

void ep_f32_gemm_minmax_ukernel_4x8__scalar(EP_F32_GEMM_ARGS) {
    ep_f32_gemm_tiles(m, k, j0, j1, packed, x, ldx, y, ldy, p, tail, EP_SCALAR_MR, EP_SCALAR_NR, ep_tile_4x8);
}
