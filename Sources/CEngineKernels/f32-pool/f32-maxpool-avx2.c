// AVX2 max pooling: eight floats per vector (ep_maxpool_lanes.h); strides above 2 and very wide
// rows take the separable form compiled for AVX2.
#include "ep_x86_simd.h"
#if defined(EP_X86_KERNELS)
#include "ep_maxpool_separable.h"

EP_TARGET("avx2,fma")
static void ep_f32_maxpool_wide(const float *input, float *output, const ep_pool_params *p) {
    ep_f32_maxpool_separable(input, output, p);
}

#define EP_MP_NAME ep_f32_maxpool_ukernel__avx2
#define EP_MP_TARGET EP_TARGET("avx2,fma")
#define EP_MP_T float
#define EP_MP_N 8
#define EP_MP_V __m256
#define EP_MP_LOWEST (-FLT_MAX)
#define EP_MP_LOAD(p) _mm256_loadu_ps(p)
#define EP_MP_STORE(p, v) _mm256_storeu_ps(p, v)
#define EP_MP_MAX(a, b) _mm256_max_ps(a, b)
#define EP_MP_EVEN(a, b) _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(a, b, 0x88)), 0xD8))
#define EP_MP_FALLBACK ep_f32_maxpool_wide
#include "ep_maxpool_lanes.h"
#endif
