// f32-pool: pooling of one channel plane, NCHW, as ONNX MaxPool / AveragePool.
// ep_pool_params: input [ih][iw], window kh x kw, strides, dilations, padding on all sides, output
// [oh][ow]. count_include_pad: AveragePool divides by the full window (1) or the taps inside
// the image (0). Global average pooling: the mean of n floats.
#ifndef EP_F32_POOL_H
#define EP_F32_POOL_H
#include <stddef.h>

typedef struct ep_pool_params {
    int ih, iw, kh, kw, oh, ow;
    int stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left;
    int pad_bottom, pad_right;
    int count_include_pad;
} ep_pool_params;

_Static_assert(sizeof(ep_pool_params) == 15 * sizeof(int), "ep_pool_params layout is shared with Swift");

void ep_f32_maxpool_ukernel__scalar(const float *input, float *output, const ep_pool_params *p);
void ep_f32_maxpool_ukernel__avx2(const float *input, float *output, const ep_pool_params *p);
void ep_f32_maxpool_ukernel__neon(const float *input, float *output, const ep_pool_params *p);
void ep_f32_avgpool_ukernel__scalar(const float *input, float *output, const ep_pool_params *p);
float ep_f32_gavgpool_ukernel__scalar(const float *input, size_t n);
float ep_f32_gavgpool_ukernel__avx2(const float *input, size_t n);
float ep_f32_gavgpool_ukernel__neon(const float *input, size_t n);
#endif
