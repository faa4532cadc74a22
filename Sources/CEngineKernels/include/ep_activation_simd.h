// Vector forms of ep_activate for the ISA kernels.
#ifndef EP_ACTIVATION_SIMD_H
#define EP_ACTIVATION_SIMD_H
#include "ep_activation.h"

#if defined(__x86_64__)
#include <immintrin.h>
__attribute__((target("avx2,fma")))
static inline __m256 ep_activate8(__m256 v, const ep_activation *a) {
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
    default: return v;
    }
}
#endif

#if defined(__aarch64__)
#include <arm_neon.h>
static inline float32x4_t ep_activate4(float32x4_t v, const ep_activation *a) {
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
    default: return v;
    }
}
#endif
#endif
