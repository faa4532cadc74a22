#include "ep_qu8_qc8w_gemm.h"

void ep_qc8w_pack_pairs(size_t m, size_t k, const int8_t *w, int32_t *packed) {
    const size_t pairs = (k + 1) / 2;
    for (size_t i = 0; i < m; i++) {
        for (size_t t = 0; t < pairs; t++) {
            const int16_t lo = w[i * k + 2 * t];
            const int16_t hi = 2 * t + 1 < k ? w[i * k + 2 * t + 1] : 0;
            packed[i * pairs + t] = (int32_t)((uint32_t)(uint16_t)lo | ((uint32_t)(uint16_t)hi << 16));
        }
    }
}

void ep_qu8_pack_pairs(size_t k, size_t n, const uint8_t *x, int32_t *packed) {
    const size_t whole = k / 2;
    for (size_t t = 0; t < whole; t++) {
        const uint8_t *a = x + 2 * t * n, *b = a + n;
        int32_t *out = packed + t * n;
        for (size_t j = 0; j < n; j++) out[j] = (int32_t)((uint32_t)a[j] | ((uint32_t)b[j] << 16));
    }
    if (k & 1) {
        const uint8_t *a = x + (k - 1) * n;
        int32_t *out = packed + whole * n;
        for (size_t j = 0; j < n; j++) out[j] = (int32_t)a[j];
    }
}

void ep_qu8_qc8w_gemm_minmax_fp32_ukernel__scalar(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                                  const ep_qgemm_params *p) {
    ep_qgemm_column_tail(m, n, k, w, x, y, p, 0);
}
