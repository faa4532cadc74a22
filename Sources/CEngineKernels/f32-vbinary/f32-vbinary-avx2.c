#if defined(__x86_64__)
#include "ep_activation_simd.h"
#include "ep_f32_vbinary.h"
#include "ep_vbinary_op.h"

EP_TARGET("avx2,fma")
static inline __m256 ep_binary8(int op, __m256 a, __m256 b) {
    switch (op) {
    case 0: return _mm256_add_ps(a, b);
    case 1: return _mm256_sub_ps(a, b);
    case 2: return _mm256_mul_ps(a, b);
    default: return _mm256_div_ps(a, b);
    }
}

EP_TARGET("avx2,fma")
void ep_f32_vbinary_ukernel__avx2(int op, size_t n, const float *a, const float *b, float *y, const ep_activation *act) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        _mm256_storeu_ps(y + i, ep_activate8(ep_binary8(op, _mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i)), act));
    }
    for (; i < n; i++) y[i] = ep_activate(ep_binary(op, a[i], b[i]), act);
}

EP_TARGET("avx2,fma")
void ep_f32_vbinaryc_ukernel__avx2(int op, size_t n, const float *a, float b, float *y, const ep_activation *act) {
    const __m256 vb = _mm256_set1_ps(b);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, ep_activate8(ep_binary8(op, _mm256_loadu_ps(a + i), vb), act));
    for (; i < n; i++) y[i] = ep_activate(ep_binary(op, a[i], b), act);
}
#endif
