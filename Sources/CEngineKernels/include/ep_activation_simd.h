// Vector forms of ep_activate for the ISA kernels.
#ifndef EP_ACTIVATION_SIMD_H
#define EP_ACTIVATION_SIMD_H
#include "ep_activation.h"

// e^x for the swish activation: x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 split in two for
// exactness), e^r by its degree-6 Taylor polynomial (relative error < 2e-7 there), times 2^n
// built in the exponent bits; x is clamped to [−87.3, 88.7] so that 2^n stays a normal float.
#define EP_EXP_LOG2E 1.44269504088896341f
#define EP_EXP_LN2_HI 0.693359375f
#define EP_EXP_LN2_LO -2.12194440e-4f

#if defined(__x86_64__)
#include "ep_x86_simd.h"
EP_TARGET("avx2,fma")
static inline __m256 ep_exp8(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.3f)), _mm256_set1_ps(88.7f));
    const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(EP_EXP_LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(EP_EXP_LN2_HI), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(EP_EXP_LN2_LO), r);
    __m256 poly = _mm256_set1_ps(1.f / 720);
    poly = _mm256_fmadd_ps(poly, r, _mm256_set1_ps(1.f / 120));
    poly = _mm256_fmadd_ps(poly, r, _mm256_set1_ps(1.f / 24));
    poly = _mm256_fmadd_ps(poly, r, _mm256_set1_ps(1.f / 6));
    poly = _mm256_fmadd_ps(poly, r, _mm256_set1_ps(0.5f));
    poly = _mm256_fmadd_ps(poly, r, _mm256_set1_ps(1.f));
    poly = _mm256_fmadd_ps(poly, r, _mm256_set1_ps(1.f));
    const __m256i scale = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(poly, _mm256_castsi256_ps(scale));
}

EP_TARGET("avx2,fma")
static inline __m256 ep_activate8_kind(__m256 v, const ep_activation *a) {
    switch (a->kind) {
    case 1: return _mm256_min_ps(_mm256_max_ps(v, _mm256_set1_ps(a->min)), _mm256_set1_ps(a->max));
    case 2: {
        __m256 y = _mm256_fmadd_ps(v, _mm256_set1_ps(a->alpha), _mm256_set1_ps(a->beta));
        return _mm256_min_ps(_mm256_max_ps(y, _mm256_setzero_ps()), _mm256_set1_ps(1.f));
    }
    case 3: {
        __m256 y = _mm256_fmadd_ps(v, _mm256_set1_ps(a->alpha), _mm256_set1_ps(a->beta));
        y = _mm256_min_ps(_mm256_max_ps(y, _mm256_setzero_ps()), _mm256_set1_ps(1.f));
        return _mm256_mul_ps(v, y);
    }
    case 4: return _mm256_div_ps(v, _mm256_add_ps(_mm256_set1_ps(1.f), ep_exp8(_mm256_sub_ps(_mm256_setzero_ps(), v))));
    default: return v;
    }
}

EP_TARGET("avx2,fma")
static inline __m256 ep_activate8(__m256 v, const ep_activation *a) {
    const __m256 y = ep_activate8_kind(v, a);
    return a->affine ? _mm256_fmadd_ps(y, _mm256_set1_ps(a->scale), _mm256_set1_ps(a->shift)) : y;
}
#endif

#if defined(__aarch64__)
#include <arm_neon.h>
static inline float32x4_t ep_exp4(float32x4_t x) {
    x = vminq_f32(vmaxq_f32(x, vdupq_n_f32(-87.3f)), vdupq_n_f32(88.7f));
    const float32x4_t n = vrndnq_f32(vmulq_f32(x, vdupq_n_f32(EP_EXP_LOG2E)));
    float32x4_t r = vfmsq_f32(x, n, vdupq_n_f32(EP_EXP_LN2_HI));
    r = vfmsq_f32(r, n, vdupq_n_f32(EP_EXP_LN2_LO));
    float32x4_t poly = vdupq_n_f32(1.f / 720);
    poly = vfmaq_f32(vdupq_n_f32(1.f / 120), poly, r);
    poly = vfmaq_f32(vdupq_n_f32(1.f / 24), poly, r);
    poly = vfmaq_f32(vdupq_n_f32(1.f / 6), poly, r);
    poly = vfmaq_f32(vdupq_n_f32(0.5f), poly, r);
    poly = vfmaq_f32(vdupq_n_f32(1.f), poly, r);
    poly = vfmaq_f32(vdupq_n_f32(1.f), poly, r);
    const int32x4_t scale = vshlq_n_s32(vaddq_s32(vcvtq_s32_f32(n), vdupq_n_s32(127)), 23);
    return vmulq_f32(poly, vreinterpretq_f32_s32(scale));
}

static inline float32x4_t ep_activate4_kind(float32x4_t v, const ep_activation *a) {
    switch (a->kind) {
    case 1: return vminq_f32(vmaxq_f32(v, vdupq_n_f32(a->min)), vdupq_n_f32(a->max));
    case 2: {
        float32x4_t y = vfmaq_f32(vdupq_n_f32(a->beta), v, vdupq_n_f32(a->alpha));
        return vminq_f32(vmaxq_f32(y, vdupq_n_f32(0.f)), vdupq_n_f32(1.f));
    }
    case 3: {
        float32x4_t y = vfmaq_f32(vdupq_n_f32(a->beta), v, vdupq_n_f32(a->alpha));
        y = vminq_f32(vmaxq_f32(y, vdupq_n_f32(0.f)), vdupq_n_f32(1.f));
        return vmulq_f32(v, y);
    }
    case 4: return vdivq_f32(v, vaddq_f32(vdupq_n_f32(1.f), ep_exp4(vnegq_f32(v))));
    default: return v;
    }
}

static inline float32x4_t ep_activate4(float32x4_t v, const ep_activation *a) {
    const float32x4_t y = ep_activate4_kind(v, a);
    return a->affine ? vfmaq_f32(vdupq_n_f32(a->shift), y, vdupq_n_f32(a->scale)) : y;
}
#endif
#endif
