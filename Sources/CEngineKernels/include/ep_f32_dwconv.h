// f32-dwconv: direct depthwise convolution of one channel plane, NCHW.
// input: [ih][iw]; kernel: [kh][kw]; output: [oh][ow]; bias: one value;
// strides, dilations, top/left padding as ONNX Conv (group == channels). The activation is
// applied to every output. Out-of-image taps read zero. Kernels handle all tails themselves.
#ifndef EP_F32_DWCONV_H
#define EP_F32_DWCONV_H
#include <stddef.h>
#include "ep_activation.h"

typedef struct ep_dwconv_params {
    int ih, iw, kh, kw, oh, ow;
    int stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left;
} ep_dwconv_params;

_Static_assert(sizeof(ep_dwconv_params) == 12 * sizeof(int), "ep_dwconv_params layout is shared with Swift");

void ep_f32_dwconv_minmax_ukernel__scalar(const float *input, const float *kernel, float bias, float *output,
                                          const ep_dwconv_params *p, const ep_activation *act);
void ep_f32_dwconv_minmax_ukernel__avx2(const float *input, const float *kernel, float bias, float *output,
                                        const ep_dwconv_params *p, const ep_activation *act);
void ep_f32_dwconv_minmax_ukernel__neon(const float *input, const float *kernel, float bias, float *output,
                                        const ep_dwconv_params *p, const ep_activation *act);
#endif
