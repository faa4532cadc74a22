// f16 families: IEEE binary16 values stored as uint16_t (portable C has no half type).
//
// f16-vcvt: n values f16 → f32 and f32 → f16 (round to nearest even; overflow → ±inf, NaN kept
// NaN). ep_f16_to_f32 / ep_f32_to_f16 are the exact scalar definitions.
//
// f16-gemm: c[i][j] = clamp(bias[j] + Σ_k a[i][k] · b[k][j], min, max) for i < m, j < n, k < K,
// with row strides lda, ldb, ldc in elements; bias may be NULL (0). The kernels handle every
// m and n tail. What each kernel accumulates in differs, and so do its results:
//   scalar         — fp32 accumulation, one rounding to f16 at the end (the oracle);
//   avx2 (+F16C)   — f16 storage, fp32 FMA accumulation (x86 without AVX512-FP16);
//   neonfp16arith  — f16 FMA accumulation (ARMv8.2-A FP16: Xavier's Carmel, Orin's A78AE,
//                    Pi 5's A76, RK3588's A76/A55), 8 rows × 8 columns per tile.
#ifndef EP_F16_H
#define EP_F16_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline float ep_f16_to_f32(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16, exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff, bits;
    if (exponent == 0) {
        if (mantissa == 0) {
            bits = sign;
        } else {  // subnormal: normalise
            exponent = 113;
            while ((mantissa & 0x400) == 0) { mantissa <<= 1; exponent--; }
            bits = sign | (exponent << 23) | ((mantissa & 0x3ff) << 13);
        }
    } else if (exponent == 31) {
        bits = sign | 0x7f800000 | (mantissa << 13);
    } else {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    }
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static inline uint16_t ep_f32_to_f16(float f) {
    uint32_t x;
    memcpy(&x, &f, sizeof x);
    const uint16_t sign = (uint16_t)((x >> 16) & 0x8000);
    const uint32_t magnitude = x & 0x7fffffff;
    if (magnitude > 0x7f800000) return sign | 0x7e00;            // NaN (quiet)
    if (magnitude >= 0x477ff000) return sign | 0x7c00;           // ≥ 65520 rounds to ±inf
    if (magnitude < 0x38800000) {                                // below 2^-14: subnormal or zero
        if (magnitude <= 0x33000000) return sign;                // ≤ 2^-25 rounds to zero (ties to even)
        const uint32_t e = magnitude >> 23, m = (magnitude & 0x7fffff) | 0x800000, shift = 126 - e;
        uint32_t q = m >> shift;
        const uint32_t rest = m & ((1u << shift) - 1), half = 1u << (shift - 1);
        if (rest > half || (rest == half && (q & 1))) q++;
        return sign | (uint16_t)q;
    }
    uint32_t h = (magnitude - 0x38000000) >> 13;
    const uint32_t rest = magnitude & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (h & 1))) h++;
    return sign | (uint16_t)h;
}

void ep_f16_f32_vcvt__scalar(size_t n, const uint16_t *x, float *y);
void ep_f32_f16_vcvt__scalar(size_t n, const float *x, uint16_t *y);
void ep_f16_f32_vcvt__f16c(size_t n, const uint16_t *x, float *y);
void ep_f32_f16_vcvt__f16c(size_t n, const float *x, uint16_t *y);
void ep_f16_f32_vcvt__neon(size_t n, const uint16_t *x, float *y);
void ep_f32_f16_vcvt__neon(size_t n, const float *x, uint16_t *y);

typedef void (*ep_f16_gemm_fn)(size_t m, size_t n, size_t k, const uint16_t *a, size_t lda, const uint16_t *b, size_t ldb,
                               const uint16_t *bias, uint16_t *c, size_t ldc, float min, float max);
void ep_f16_gemm_minmax_ukernel__scalar(size_t m, size_t n, size_t k, const uint16_t *a, size_t lda, const uint16_t *b, size_t ldb,
                                        const uint16_t *bias, uint16_t *c, size_t ldc, float min, float max);
void ep_f16_gemm_minmax_ukernel_4x8__avx2(size_t m, size_t n, size_t k, const uint16_t *a, size_t lda, const uint16_t *b, size_t ldb,
                                          const uint16_t *bias, uint16_t *c, size_t ldc, float min, float max);
void ep_f16_gemm_minmax_ukernel_8x8__neonfp16arith(size_t m, size_t n, size_t k, const uint16_t *a, size_t lda, const uint16_t *b,
                                                   size_t ldb, const uint16_t *bias, uint16_t *c, size_t ldc, float min, float max);
#endif
