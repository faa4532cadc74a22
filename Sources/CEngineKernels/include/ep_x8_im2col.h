// x8-im2col: one uint8 image [c][ih][iw] → columns [c*kh*kw][oh*ow] for a quantized GEMM
// convolution. Out-of-image taps take `pad` — the activation zero point, which is the
// quantized value of 0.0.
#ifndef EP_X8_IM2COL_H
#define EP_X8_IM2COL_H
#include <stdint.h>
#include "ep_f32_dwconv.h"

void ep_x8_im2col__scalar(const uint8_t *input, int channels, const ep_dwconv_params *p, uint8_t pad, uint8_t *columns);
// The same columns straight into the c4 layout (ep_qu8_qc8w_gemm_c4.h), an output row of a quad
// at a time: no K×N intermediate, no scratch.
void ep_x8_im2col_quads(const uint8_t *input, int channels, const ep_dwconv_params *p, uint8_t pad, int32_t *packed);
// Only quads [first_quad, end_quad): threads split the work.
void ep_x8_im2col_quads_range(const uint8_t *input, int channels, const ep_dwconv_params *p, uint8_t pad, int32_t *packed,
                              int first_quad, int end_quad);
#endif
