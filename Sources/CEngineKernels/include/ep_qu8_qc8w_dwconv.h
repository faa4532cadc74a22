// qu8-qc8w-dwconv: integer depthwise convolution of one channel plane, NCHW (uint8 activations,
// int8 weights, int32 accumulation, fp32 requantization — the depthwise twin of qu8-qc8w-gemm):
//   acc[o] = bias + Σ_taps w[ky][kx] · x[iy][ix]          (taps outside the image read x_zero)
//   y[o]   = clamp(nearbyint(acc[o] · multiplier) + y_zero, y_min, y_max)
// bias already holds −x_zero · Σ w (the caller folds it, as for the GEMM), so a tap that reads
// x_zero in the padding adds nothing net. Geometry is the float kernels' ep_dwconv_params.
// The ISA kernels copy the plane into scratch, padded with x_zero, and lay out their tap table
// after it; scratch holds ep_qu8_dwconv_scratch_bytes(p) bytes, 16-byte aligned. The scalar
// kernel is the oracle and needs no scratch.
#ifndef EP_QU8_QC8W_DWCONV_H
#define EP_QU8_QC8W_DWCONV_H
#include <stddef.h>
#include <stdint.h>
#include "ep_f32_dwconv.h"

typedef struct ep_qdwconv_channel {
    int32_t bias;
    float multiplier;
    int32_t y_zero, y_min, y_max;
    int32_t x_zero;
} ep_qdwconv_channel;

_Static_assert(sizeof(ep_qdwconv_channel) == 6 * 4, "ep_qdwconv_channel layout is shared with Swift");

// The padded plane (64 bytes of margin: vector loads may read past the last tap they use), then
// the tap table: one int32 offset and one int32 weight per tap, rounded up to pairs.
static inline size_t ep_qu8_dwconv_plane_bytes(const ep_dwconv_params *p) {
    return ((size_t)ep_dwconv_padded_width(p) * (size_t)ep_dwconv_padded_height(p) + 64 + 15) / 16 * 16;
}
static inline size_t ep_qu8_dwconv_scratch_bytes(const ep_dwconv_params *p) {
    return ep_qu8_dwconv_plane_bytes(p) + ((size_t)(p->kh * p->kw) + 1) / 2 * 2 * 8;
}

void ep_qu8_qc8w_dwconv_minmax_fp32_ukernel__scalar(const uint8_t *input, const int8_t *kernel, uint8_t *output,
                                                    const ep_dwconv_params *p, const ep_qdwconv_channel *c, uint8_t *scratch);
void ep_qu8_qc8w_dwconv_minmax_fp32_ukernel__avx2(const uint8_t *input, const int8_t *kernel, uint8_t *output,
                                                  const ep_dwconv_params *p, const ep_qdwconv_channel *c, uint8_t *scratch);
void ep_qu8_qc8w_dwconv_minmax_fp32_ukernel__neon(const uint8_t *input, const int8_t *kernel, uint8_t *output,
                                                  const ep_dwconv_params *p, const ep_qdwconv_channel *c, uint8_t *scratch);
#endif
