// qu8-qc8w-gemm: quantized convolution-as-GEMM, NCHW.
//   acc[m][n] = bias[m] + Σ_k W[m][k] · X[k][n]          (int32; W int8 per output channel m,
//                                                        X uint8 activations, K × N)
//   Y[m][n]   = clamp(nearbyint(acc[m][n] · multiplier[m]) + y_zero, y_min, y_max)   (uint8)
// The caller folds the activation zero point into the bias: bias[m] = B_q[m] − x_zero · Σ_k W[m][k],
// and multiplier[m] = x_scale · w_scale[m] / y_scale ("fp32" requantization); y_min/y_max carry a
// fused ReLU/ReLU6 as quantized bounds. Kernels handle every M, N, K (tails included).
//
// Weights are packed once (ep_qc8w_pack_pairs): row m holds ceil(K/2) int32 words, word t =
// (uint16)w[m][2t] | w[m][2t+1] << 16 (0 past K), the operand layout of pmaddwd; every ISA kernel
// takes this layout. Activations are packed per call (ep_qu8_pack_pairs) the same way: word
// [t][j] = x[2t][j] | x[2t+1][j] << 16 (0 past K), so a kernel loads pairs of k for several
// columns with one load.
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

void ep_qc8w_pack_pairs(size_t m, size_t k, const int8_t *w, int32_t *packed);
void ep_qu8_pack_pairs(size_t k, size_t n, const uint8_t *x, int32_t *packed);

void ep_qu8_qc8w_gemm_minmax_fp32_ukernel__scalar(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                                  const ep_qgemm_params *p);
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_8x8__avx2(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                                    const ep_qgemm_params *p);
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8__neon(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                                    const ep_qgemm_params *p);

// Activation k, j from the packed layout.
static inline int32_t ep_qu8_at(const int32_t *x, size_t n, size_t t, size_t j) {
    const int32_t word = x[(t / 2) * n + j];
    return (t & 1) ? (int32_t)(uint16_t)((uint32_t)word >> 16) : (int32_t)(uint16_t)(word & 0xffff);
}

// Weight m, k from the packed layout.
static inline int32_t ep_qc8w_at(const int32_t *w, size_t k, size_t m, size_t t) {
    const int32_t word = w[m * ((k + 1) / 2) + t / 2];
    return (t & 1) ? (int32_t)(int16_t)(word >> 16) : (int32_t)(int16_t)(word & 0xffff);
}

static inline uint8_t ep_requantize(int32_t acc, float multiplier, const ep_qgemm_params *p) {
    float scaled = (float)acc * multiplier;
    long q = lrintf(scaled) + p->y_zero;   // round half to even in the default rounding mode
    if (q < p->y_min) q = p->y_min;
    if (q > p->y_max) q = p->y_max;
    return (uint8_t)q;
}
// Columns [j, n) one at a time: the tail of the ISA kernels.
static inline void ep_qgemm_column_tail(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                        const ep_qgemm_params *p, size_t j) {
    for (; j < n; j++) {
        for (size_t i = 0; i < m; i++) {
            int32_t acc = p->bias[i];
            for (size_t t = 0; t < k; t++) acc += ep_qc8w_at(w, k, i, t) * ep_qu8_at(x, n, t, j);
            y[i * n + j] = ep_requantize(acc, p->multiplier[i], p);
        }
    }
}
#endif
