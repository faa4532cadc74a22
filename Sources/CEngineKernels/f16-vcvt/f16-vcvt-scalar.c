// f16 ↔ f32 conversion, the exact definitions of include/ep_f16.h applied to n values.
#include "ep_f16.h"

void ep_f16_f32_vcvt__scalar(size_t n, const uint16_t *x, float *y) {
    for (size_t i = 0; i < n; i++) y[i] = ep_f16_to_f32(x[i]);
}

void ep_f32_f16_vcvt__scalar(size_t n, const float *x, uint16_t *y) {
    for (size_t i = 0; i < n; i++) y[i] = ep_f32_to_f16(x[i]);
}
