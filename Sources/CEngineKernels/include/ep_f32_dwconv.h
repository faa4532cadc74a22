// f32-dwconv: direct depthwise convolution of one channel plane, NCHW.
// input: [ih][iw]; kernel: [kh][kw]; output: [oh][ow]; bias: one value;
// strides, dilations, top/left padding as ONNX Conv (group == channels). The activation is
// applied to every output. Out-of-image taps read zero. Kernels handle all tails themselves.
// The ISA kernels copy the plane into `scratch` with its zero padding first (so the inner
// loops have no bounds checks); scratch holds ep_dwconv_scratch_floats(p) floats. The scalar
// kernel is the oracle and needs no scratch.
#ifndef EP_F32_DWCONV_H
#define EP_F32_DWCONV_H
#include <stddef.h>
#include "ep_activation.h"

typedef struct ep_dwconv_params {
    int ih, iw, kh, kw, oh, ow;
    int stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left;
} ep_dwconv_params;

_Static_assert(sizeof(ep_dwconv_params) == 12 * sizeof(int), "ep_dwconv_params layout is shared with Swift");

// Width and height of the padded plane the ISA kernels read, and the scratch they need
// (16 floats of margin: vector loads may read past the last tap they use).
static inline int ep_dwconv_padded_width(const ep_dwconv_params *p) { return (p->ow - 1) * p->stride_w + (p->kw - 1) * p->dilation_w + 1; }
static inline int ep_dwconv_padded_height(const ep_dwconv_params *p) { return (p->oh - 1) * p->stride_h + (p->kh - 1) * p->dilation_h + 1; }
static inline size_t ep_dwconv_scratch_floats(const ep_dwconv_params *p) {
    return (size_t)ep_dwconv_padded_width(p) * (size_t)ep_dwconv_padded_height(p) + 32;
}

void ep_f32_dwconv_minmax_ukernel__scalar(const float *input, const float *kernel, float bias, float *output,
                                          const ep_dwconv_params *p, const ep_activation *act, float *scratch);
void ep_f32_dwconv_minmax_ukernel__avx2(const float *input, const float *kernel, float bias, float *output,
                                        const ep_dwconv_params *p, const ep_activation *act, float *scratch);
void ep_f32_dwconv_minmax_ukernel__neon(const float *input, const float *kernel, float bias, float *output,
                                        const ep_dwconv_params *p, const ep_activation *act, float *scratch);
#endif
