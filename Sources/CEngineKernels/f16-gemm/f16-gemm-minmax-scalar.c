// f16 GEMM oracle: fp32 accumulation in k order, one rounding to f16 per output.
#include "ep_f16.h"

void ep_f16_gemm_minmax_ukernel__scalar(size_t m, size_t n, size_t k, const uint16_t *a, size_t lda, const uint16_t *b, size_t ldb,
                                        const uint16_t *bias, uint16_t *c, size_t ldc, float min, float max) {
    for (size_t i = 0; i < m; i++) {
        for (size_t j = 0; j < n; j++) {
            float sum = bias ? ep_f16_to_f32(bias[j]) : 0.0f;
            for (size_t t = 0; t < k; t++) sum += ep_f16_to_f32(a[i * lda + t]) * ep_f16_to_f32(b[t * ldb + j]);
            sum = sum < min ? min : sum > max ? max : sum;
            c[i * ldc + j] = ep_f32_to_f16(sum);
        }
    }
}
