// NEON max pooling: the separable form (ep_maxpool_separable.h) compiled for AArch64.
#if defined(__aarch64__)
#include "ep_maxpool_separable.h"

void ep_f32_maxpool_ukernel__neon(const float *input, float *output, const ep_pool_params *p) {
    ep_f32_maxpool_separable(input, output, p);
}
#endif
