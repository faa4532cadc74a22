#include "ep_qu8_qc8w_gemm.h"

void ep_qu8_qc8w_gemm_minmax_fp32_ukernel__scalar(size_t m, size_t n, size_t k, const int8_t *w, const uint8_t *x, uint8_t *y,
                                                  const ep_qgemm_params *p) {
    for (size_t i = 0; i < m; i++) {
        for (size_t j = 0; j < n; j++) {
            int32_t acc = p->bias[i];
            for (size_t t = 0; t < k; t++) acc += (int32_t)w[i * k + t] * (int32_t)x[t * n + j];
            y[i * n + j] = ep_requantize(acc, p->multiplier[i], p);
        }
    }
}
