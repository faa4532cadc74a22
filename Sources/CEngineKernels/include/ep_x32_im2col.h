// x32-im2col: one image [c][ih][iw] → columns [c*kh*kw][oh*ow] for a GEMM convolution
// (row = (channel, ky, kx), column = output position). Out-of-image taps are zero.
#ifndef EP_X32_IM2COL_H
#define EP_X32_IM2COL_H
#include "ep_f32_dwconv.h"

void ep_x32_im2col__scalar(const float *input, int channels, const ep_dwconv_params *p, float *columns);
// Only the output positions [first, first + count): columns [c*kh*kw][count], so a convolution
// can run its GEMM on column tiles that stay in cache.
void ep_x32_im2col_range(const float *input, int channels, const ep_dwconv_params *p, int first, int count, float *columns);
#endif
