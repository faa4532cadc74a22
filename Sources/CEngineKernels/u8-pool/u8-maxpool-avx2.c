// x86 uint8 max pooling: 16 bytes per vector (ep_maxpool_lanes.h) — 32 would leave the 13–27
// wide planes of classifiers to scalar loops; strides above 2 and very wide rows take the
// portable kernel.
#include "ep_x86_simd.h"
#if defined(EP_X86_KERNELS)
#include "ep_u8_pool.h"

#define EP_MP_NAME ep_u8_maxpool_ukernel__avx2
#define EP_MP_TARGET EP_TARGET("avx2")
#define EP_MP_T uint8_t
#define EP_MP_N 16
#define EP_MP_V __m128i
#define EP_MP_LOWEST 0
#define EP_MP_LOAD(p) _mm_loadu_si128((const __m128i *)(p))
#define EP_MP_STORE(p, v) _mm_storeu_si128((__m128i *)(p), v)
#define EP_MP_MAX(a, b) _mm_max_epu8(a, b)
#define EP_MP_EVEN(a, b) _mm_packus_epi16(_mm_and_si128(a, _mm_set1_epi16(0xff)), _mm_and_si128(b, _mm_set1_epi16(0xff)))
#define EP_MP_FALLBACK ep_u8_maxpool_ukernel__scalar
#include "../f32-pool/ep_maxpool_lanes.h"
#endif
