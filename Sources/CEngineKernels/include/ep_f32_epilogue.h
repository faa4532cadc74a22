// f32-epilogue: y[c][i] = act(y[c][i] + bias[c] + residual[c][i]) over `channels` rows of
// `size` contiguous floats. bias and residual may be NULL. In place on y.
#ifndef EP_F32_EPILOGUE_H
#define EP_F32_EPILOGUE_H
#include <stddef.h>
#include "ep_activation.h"

void ep_f32_epilogue_ukernel__scalar(float *y, size_t channels, size_t size, const float *bias,
                                     const float *residual, const ep_activation *act);
void ep_f32_epilogue_ukernel__avx2(float *y, size_t channels, size_t size, const float *bias,
                                   const float *residual, const ep_activation *act);
void ep_f32_epilogue_ukernel__neon(float *y, size_t channels, size_t size, const float *bias,
                                   const float *residual, const ep_activation *act);
#endif
