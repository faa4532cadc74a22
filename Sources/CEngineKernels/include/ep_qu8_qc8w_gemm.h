// qu8-qc8w-gemm: quantized convolution-as-GEMM, NCHW.
//   acc[m][n] = bias[m] + Σ_k W[m][k] · X[k][n]          (int32; W int8 per output channel m,
//                                                        X uint8 activations, K × N row-major)
//   Y[m][n]   = clamp(nearbyint(acc[m][n] · multiplier[m]) + y_zero, y_min, y_max)   (uint8)
// The caller folds the activation zero point into the bias: bias[m] = B_q[m] − x_zero · Σ_k W[m][k],
// and multiplier[m] = x_scale · w_scale[m] / y_scale ("fp32" requantization); y_min/y_max carry a
// fused ReLU/ReLU6 as quantized bounds. Kernels handle every M, N, K (tails included).
#ifndef EP_QU8_QC8W_GEMM_H
#define EP_QU8_QC8W_GEMM_H
#include <stddef.h>
#include <math.h>
#include <stdint.h>

typedef struct ep_qgemm_params {
    const int32_t *bias;       // [M]
    const float *multiplier;   // [M]
    int32_t y_zero;
    int32_t y_min;
    int32_t y_max;
} ep_qgemm_params;

void ep_qu8_qc8w_gemm_minmax_fp32_ukernel__scalar(size_t m, size_t n, size_t k, const int8_t *w, const uint8_t *x, uint8_t *y,
                                                  const ep_qgemm_params *p);
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8__avx2(size_t m, size_t n, size_t k, const int8_t *w, const uint8_t *x, uint8_t *y,
                                                    const ep_qgemm_params *p);
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8__neon(size_t m, size_t n, size_t k, const int8_t *w, const uint8_t *x, uint8_t *y,
                                                    const ep_qgemm_params *p);

static inline uint8_t ep_requantize(int32_t acc, float multiplier, const ep_qgemm_params *p) {
    float scaled = (float)acc * multiplier;
    long q = lrintf(scaled) + p->y_zero;   // round half to even in the default rounding mode
    if (q < p->y_min) q = p->y_min;
    if (q > p->y_max) q = p->y_max;
    return (uint8_t)q;
}
#endif
