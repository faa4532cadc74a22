#include "ep_f32_epilogue.h"

void ep_f32_epilogue_ukernel__scalar(float *y, size_t channels, size_t size, const float *bias,
                                     const float *residual, const ep_activation *act) {
    for (size_t c = 0; c < channels; c++) {
        const float b = bias ? bias[c] : 0.f;
        float *row = y + c * size;
        const float *res = residual ? residual + c * size : 0;
        for (size_t i = 0; i < size; i++) {
            float v = row[i] + b;
            if (res) v += res[i];
            row[i] = ep_activate(v, act);
        }
    }
}
