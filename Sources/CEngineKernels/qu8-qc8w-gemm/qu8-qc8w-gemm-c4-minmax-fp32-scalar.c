// The c4 layout's packers (vector interleaves where the architecture has them) and scalar oracle.
#include <string.h>
#include "ep_qu8_qc8w_gemm_c4.h"

void ep_qc8w_pack_quads(size_t m, size_t k, const int8_t *w, int32_t *packed) {
    const size_t quads = (k + 3) / 4;
    memset(packed, 0, m * quads * sizeof(int32_t));
    for (size_t i = 0; i < m; i++) memcpy((int8_t *)(packed + i * quads), w + i * k, k);
}

void ep_qu8_pack_quads(size_t k, size_t n, const uint8_t *x, int32_t *packed) {
    for (size_t t = 0; 4 * t < k; t++) {
        const uint8_t *row = x + 4 * t * n;
        ep_interleave_quads(row, 4 * t + 1 < k ? row + n : NULL, 4 * t + 2 < k ? row + 2 * n : NULL, 4 * t + 3 < k ? row + 3 * n : NULL, n,
                            packed + t * n);
    }
}

void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_c4__scalar(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                                     const ep_qgemm_params *p) {
    ep_qgemm_c4_column_tail(m, n, k, w, x, y, p, 0);
}
