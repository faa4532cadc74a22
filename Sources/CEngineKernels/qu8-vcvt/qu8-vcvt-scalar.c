#include <math.h>
#include "ep_qu8_vcvt.h"

void ep_f32_qu8_vcvt__scalar(size_t n, const float *x, float scale, int32_t zero, uint8_t *y) {
    const float low = (float)-zero, high = (float)(255 - zero);
    for (size_t i = 0; i < n; i++) {
        float q = nearbyintf(x[i] / scale);
        if (q != q) q = 0.f;  // NaN → the zero point
        q = q < low ? low : (q > high ? high : q);
        y[i] = (uint8_t)((int32_t)q + zero);
    }
}

void ep_qu8_f32_vcvt__scalar(size_t n, const uint8_t *x, float scale, int32_t zero, float *y) {
    for (size_t i = 0; i < n; i++) y[i] = (float)((int32_t)x[i] - zero) * scale;
}
