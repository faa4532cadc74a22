// AVX2+FMA depthwise convolution over a zero-padded copy of the plane: 8 output columns per
// vector, four vectors at a time, with no bounds checks (stride 1: contiguous loads; stride 2: two loads
// de-interleaved; other strides: gathers), scalar tail.
#if defined(__x86_64__)
#include "ep_activation_simd.h"
#include "ep_dwconv_common.h"

EP_TARGET("avx2,fma")
static inline __m256 ep_load_strided8(const float *base, int stride, __m256i lanes) {
    if (stride == 1) return _mm256_loadu_ps(base);
    if (stride == 2) {
        const __m256 a = _mm256_loadu_ps(base), b = _mm256_loadu_ps(base + 8);
        const __m256 even = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
        return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(even), _MM_SHUFFLE(3, 1, 2, 0)));
    }
    return _mm256_i32gather_ps(base, lanes, 4);
}

// The rows of the padded plane; inlined once per stride the callers pass as a constant, so the
// inner loop has no stride test.
EP_TARGET("avx2,fma") __attribute__((always_inline))
static inline void ep_dwconv_rows8(const float *scratch, const float *kernel, float bias, float *output,
                                   const ep_dwconv_params *p, const ep_activation *act, int sw) {
    const int pw = ep_dwconv_padded_width(p);
    const int dw = p->dilation_w;
    const __m256i lanes = _mm256_mullo_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(sw));
    for (int oy = 0; oy < p->oh; oy++) {
        float *out = output + (size_t)oy * p->ow;
        const float *rows = scratch + (size_t)oy * p->stride_h * pw;
        int ox = 0;
        // 32 columns in four independent accumulators: one chain of kh·kw FMAs would wait on
        // the FMA latency at every tap.
        for (; ox + 32 <= p->ow; ox += 32) {
            __m256 a0 = _mm256_set1_ps(bias), a1 = a0, a2 = a0, a3 = a0;
            for (int ky = 0; ky < p->kh; ky++) {
                const float *row = rows + (size_t)ky * p->dilation_h * pw + (size_t)ox * sw;
                for (int kx = 0; kx < p->kw; kx++) {
                    const float *base = row + kx * dw;
                    const __m256 w = _mm256_set1_ps(kernel[ky * p->kw + kx]);
                    a0 = _mm256_fmadd_ps(ep_load_strided8(base, sw, lanes), w, a0);
                    a1 = _mm256_fmadd_ps(ep_load_strided8(base + 8 * sw, sw, lanes), w, a1);
                    a2 = _mm256_fmadd_ps(ep_load_strided8(base + 16 * sw, sw, lanes), w, a2);
                    a3 = _mm256_fmadd_ps(ep_load_strided8(base + 24 * sw, sw, lanes), w, a3);
                }
            }
            _mm256_storeu_ps(out + ox, ep_activate8(a0, act));
            _mm256_storeu_ps(out + ox + 8, ep_activate8(a1, act));
            _mm256_storeu_ps(out + ox + 16, ep_activate8(a2, act));
            _mm256_storeu_ps(out + ox + 24, ep_activate8(a3, act));
        }
        for (; ox + 8 <= p->ow; ox += 8) {
            __m256 acc = _mm256_set1_ps(bias);
            for (int ky = 0; ky < p->kh; ky++) {
                const float *row = rows + (size_t)ky * p->dilation_h * pw + (size_t)ox * sw;
                for (int kx = 0; kx < p->kw; kx++) {
                    acc = _mm256_fmadd_ps(ep_load_strided8(row + kx * dw, sw, lanes), _mm256_set1_ps(kernel[ky * p->kw + kx]), acc);
                }
            }
            _mm256_storeu_ps(out + ox, ep_activate8(acc, act));
        }
        ep_dwconv_padded_tail(rows, pw, kernel, bias, p, act, out, ox);
    }
}

EP_TARGET("avx2,fma")
void ep_f32_dwconv_minmax_ukernel__avx2(const float *input, const float *kernel, float bias, float *output,
                                        const ep_dwconv_params *p, const ep_activation *act, float *scratch) {
    ep_dwconv_pad(input, p, scratch);
    if (p->stride_w == 1) ep_dwconv_rows8(scratch, kernel, bias, output, p, act, 1);
    else if (p->stride_w == 2) ep_dwconv_rows8(scratch, kernel, bias, output, p, act, 2);
    else ep_dwconv_rows8(scratch, kernel, bias, output, p, act, p->stride_w);
}
#endif
