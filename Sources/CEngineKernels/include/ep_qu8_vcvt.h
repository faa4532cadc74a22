// qu8-vcvt: per-tensor conversions between float32 and quantized uint8 (QuantizeLinear /
// DequantizeLinear): q = clamp(round_half_even(x / scale) + zero, 0, 255); x = (q − zero)·scale.
// The scalar versions are the definition; the ISA versions divide, round half to even and
// saturate in vector registers with identical results.
#ifndef EP_QU8_VCVT_H
#define EP_QU8_VCVT_H
#include <stddef.h>
#include <stdint.h>

void ep_f32_qu8_vcvt__scalar(size_t n, const float *x, float scale, int32_t zero, uint8_t *y);
void ep_f32_qu8_vcvt__avx2(size_t n, const float *x, float scale, int32_t zero, uint8_t *y);
void ep_f32_qu8_vcvt__neon(size_t n, const float *x, float scale, int32_t zero, uint8_t *y);
void ep_qu8_f32_vcvt__scalar(size_t n, const uint8_t *x, float scale, int32_t zero, float *y);
void ep_qu8_f32_vcvt__avx2(size_t n, const uint8_t *x, float scale, int32_t zero, float *y);
void ep_qu8_f32_vcvt__neon(size_t n, const uint8_t *x, float scale, int32_t zero, float *y);
#endif
