// The f32-gemm driver every ISA kernel shares (see ep_f32_gemm.h): column chunks sized for L2,
// MR-row panels, NR-column tiles, the partial last tile through the caller's `tail` buffer.
#ifndef EP_F32_GEMM_COMMON_H
#define EP_F32_GEMM_COMMON_H
#include <string.h>
#include "ep_f32_gemm.h"

// One MR × NR tile: `rows` (≤ MR) rows and `cols` (≤ NR) columns are stored; x always has NR
// readable columns. bias and res are already offset to the tile (res with y's stride).
typedef void (*ep_f32_gemm_tile)(size_t rows, size_t cols, size_t k, const float *a, const float *x, size_t ldx, float *y,
                                 size_t ldy, const float *bias, const float *res, const ep_activation *act);

// Columns per chunk: about 256 KiB of x (k floats per column), a multiple of NR, at least NR.
static inline size_t ep_f32_gemm_chunk(size_t k, size_t nr) {
    const size_t columns = (256u << 10) / sizeof(float) / (k ? k : 1) / nr * nr;
    return columns > nr ? columns : nr;
}

static inline void ep_f32_gemm_tiles(EP_F32_GEMM_ARGS, size_t mr, size_t nr, ep_f32_gemm_tile tile) {
    const size_t chunk = ep_f32_gemm_chunk(k, nr);
    for (size_t c0 = j0; c0 < j1; c0 += chunk) {
        const size_t c1 = c0 + chunk < j1 ? c0 + chunk : j1;
        const size_t full = c0 + (c1 - c0) / nr * nr;
        if (full < c1) {
            memset(tail, 0, k * nr * sizeof(float));
            for (size_t t = 0; t < k; t++) memcpy(tail + t * nr, x + t * ldx + full, (c1 - full) * sizeof(float));
        }
        for (size_t i = 0; i < m; i += mr) {
            const size_t rows = m - i < mr ? m - i : mr;
            const float *a = packed + i * k;
            const float *bias = p->bias ? p->bias + i : NULL;
            for (size_t j = c0; j < c1; j += nr) {
                const float *res = p->residual ? p->residual + i * ldy + j : NULL;
                if (j < full) tile(rows, nr, k, a, x + j, ldx, y + i * ldy + j, ldy, bias, res, &p->act);
                else tile(rows, c1 - j, k, a, tail, nr, y + i * ldy + j, ldy, bias, res, &p->act);
            }
        }
    }
}

// A row's `cols` results from `acc` (NR floats in a tile buffer): residual added, activation,
// stored — the epilogue of a partial tile, shared by the ISA kernels.
static inline void ep_f32_gemm_store_partial(const float *acc, size_t cols, const float *res, const ep_activation *act, float *y) {
    for (size_t j = 0; j < cols; j++) y[j] = ep_activate(acc[j] + (res ? res[j] : 0.f), act);
}
#endif
