// qu8-qc8w-gemm, c4 layout: the same GEMM and requantization as ep_qu8_qc8w_gemm.h, on operands
// packed in groups of four k for the dot-product instructions (NEON sdot, x86 vpdpbusd):
//   weights     row m = ceil(K/4) words, word t = w[m][4t..4t+3] as int8 bytes (0 past K);
//   activations word [t][j] = x[4t..4t+3][j] as uint8 bytes (0 past K).
// NEON has no unsigned×signed dot product without i8mm, so the dotprod kernel flips the
// activations to int8 (x − 128, an XOR of the top bit) and adds 128·Σ_k w[m][k] back; the i8mm
// kernel uses usdot directly.
#ifndef EP_QU8_QC8W_GEMM_C4_H
#define EP_QU8_QC8W_GEMM_C4_H
#include "ep_qu8_qc8w_gemm.h"

void ep_qc8w_pack_quads(size_t m, size_t k, const int8_t *w, int32_t *packed);
void ep_qu8_pack_quads(size_t k, size_t n, const uint8_t *x, int32_t *packed);

void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_c4__scalar(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                                     const ep_qgemm_params *p);
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8c4__neondot(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x,
                                                         uint8_t *y, const ep_qgemm_params *p);
void ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8c4__neoni8mm(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x,
                                                          uint8_t *y, const ep_qgemm_params *p);

// Columns [j, n) one at a time on the c4 layout: the scalar kernel, and the ISA kernels' tail.
static inline void ep_qgemm_c4_column_tail(size_t m, size_t n, size_t k, const int32_t *w, const int32_t *x, uint8_t *y,
                                           const ep_qgemm_params *p, size_t j) {
    const size_t quads = (k + 3) / 4;
    for (; j < n; j++) {
        for (size_t i = 0; i < m; i++) {
            const int8_t *wr = (const int8_t *)(w + i * quads);
            int32_t acc = p->bias[i];
            for (size_t t = 0; t < quads; t++) {
                const uint8_t *xq = (const uint8_t *)(x + t * n + j);
                for (size_t b = 0; b < 4; b++) acc += (int32_t)wr[4 * t + b] * (int32_t)xq[b];
            }
            y[i * n + j] = ep_requantize(acc, p->multiplier[i], p);
        }
    }
}
#endif
