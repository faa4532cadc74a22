// u8-pool: max pooling of one uint8 channel plane (NCHW), as ONNX MaxPool on quantized values —
// max commutes with the monotonic dequantization, so the integer path needs no Q/DQ around it.
#ifndef EP_U8_POOL_H
#define EP_U8_POOL_H
#include <stdint.h>
#include "ep_f32_pool.h"

void ep_u8_maxpool_ukernel__scalar(const uint8_t *input, uint8_t *output, const ep_pool_params *p);
void ep_u8_maxpool_ukernel__avx2(const uint8_t *input, uint8_t *output, const ep_pool_params *p);
#endif
