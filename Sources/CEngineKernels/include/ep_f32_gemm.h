// f32-gemm: y[m×n] = act(W[m×k] · x[k×n] + bias[m] + residual[m×n]), the convolution's GEMM with
// its epilogue fused, on weights packed once (at compile) for the kernel's MR:
//   panel p holds rows p·MR … p·MR+MR−1, k-major: packed[p·MR·k + t·MR + r] = W[p·MR + r][t]
//   (rows past m repeat row m−1, so a partial panel computes real numbers it does not store).
// x and y are row-major with row strides ldx and ldy; the residual, when there is one, has y's
// layout. A call computes columns [j0, j1): threads split the columns. Columns go in chunks that
// keep k × chunk of x in L2; within a chunk each MR-row panel (in L1) meets every NR-column tile.
// The last tile of a call, when partial, is copied into `tail` (k·NR floats the caller owns, one
// per thread) so that the micro-kernel always reads full vectors.
#ifndef EP_F32_GEMM_H
#define EP_F32_GEMM_H
#include <stddef.h>
#include "ep_activation.h"

typedef struct ep_f32_gemm_params {
    const float *bias;      // m floats, or NULL
    const float *residual;  // m rows of ldy floats (y's layout), or NULL
    ep_activation act;
} ep_f32_gemm_params;

// Floats of a packed W for a kernel of `mr` rows.
size_t ep_f32_gemm_packed_floats(size_t m, size_t k, size_t mr);
void ep_f32_gemm_pack(size_t m, size_t k, size_t mr, const float *w, float *packed);

#define EP_F32_GEMM_ARGS                                                                                                       \
    size_t m, size_t k, size_t j0, size_t j1, const float *packed, const float *x, size_t ldx, float *y, size_t ldy,            \
        const ep_f32_gemm_params *p, float *tail

// MR × NR: scalar 4×8, AVX2+FMA 6×16, AVX-512 8×32, NEON 8×12.
void ep_f32_gemm_minmax_ukernel_4x8__scalar(EP_F32_GEMM_ARGS);
void ep_f32_gemm_minmax_ukernel_6x16__avx2(EP_F32_GEMM_ARGS);
void ep_f32_gemm_minmax_ukernel_8x32__avx512f(EP_F32_GEMM_ARGS);
void ep_f32_gemm_minmax_ukernel_8x12__neon(EP_F32_GEMM_ARGS);
#endif
