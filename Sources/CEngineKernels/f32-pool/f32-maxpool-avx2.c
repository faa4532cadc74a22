// AVX2 max pooling: the separable form (ep_maxpool_separable.h) compiled for AVX2.
#if defined(__x86_64__)
#include "ep_maxpool_separable.h"

__attribute__((target("avx2,fma")))
void ep_f32_maxpool_ukernel__avx2(const float *input, float *output, const ep_pool_params *p) {
    ep_f32_maxpool_separable(input, output, p);
}
#endif
