// qu8-vcvt: per-tensor conversions between float32 and quantized uint8 (QuantizeLinear /
// DequantizeLinear): q = clamp(round_half_even(x / scale) + zero, 0, 255); x = (q − zero)·scale.
// Branch-free loops the compiler vectorizes (-O3); results equal the scalar definition exactly.
#ifndef EP_QU8_VCVT_H
#define EP_QU8_VCVT_H
#include <stddef.h>
#include <stdint.h>

void ep_f32_qu8_vcvt__scalar(size_t n, const float *x, float scale, int32_t zero, uint8_t *y);
void ep_qu8_f32_vcvt__scalar(size_t n, const uint8_t *x, float scale, int32_t zero, float *y);
#endif
