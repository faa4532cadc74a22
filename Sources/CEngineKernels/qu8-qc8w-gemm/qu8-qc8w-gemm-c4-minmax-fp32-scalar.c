// The c4 layout's packers and scalar oracle.
#include <string.h>
#include "ep_qu8_qc8w_gemm_c4.h"

void ep_qc8w_pack_quads(size_t m, size_t k, const int8_t *w, int32_t *packed) {
    const size_t quads = (k + 3) / 4;
    memset(packed, 0, m * quads * sizeof(int32_t));
    for (size_t i = 0; i < m; i++) memcpy((int8_t *)(packed + i * quads), w + i * k, k);
}

void ep_qu8_pack_quads(size_t k, size_t n, const uint8_t *x, int32_t *packed) {
    const size_t quads = (k + 3) / 4;
    uint8_t *bytes = (uint8_t *)packed;
    for (size_t t = 0; t < quads; t++)
        for (size_t j = 0; j < n; j++)
            for (size_t b = 0; b < 4; b++) bytes[(t * n + j) * 4 + b] = 4 * t + b < k ? x[(4 * t + b) * n + j] : 0;
}

void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_c4__scalar(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                                     const ep_qgemm_params *p) {
    ep_qgemm_c4_column_tail(m, n, k, w, x, y, p, 0);
}
