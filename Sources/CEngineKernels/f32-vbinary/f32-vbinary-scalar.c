#include "ep_f32_vbinary.h"
#include "ep_vbinary_op.h"

void ep_f32_vbinary_ukernel__scalar(int op, size_t n, const float *a, const float *b, float *y, const ep_activation *act) {
    for (size_t i = 0; i < n; i++) y[i] = ep_activate(ep_binary(op, a[i], b[i]), act);
}

void ep_f32_vbinaryc_ukernel__scalar(int op, size_t n, const float *a, float b, float *y, const ep_activation *act) {
    for (size_t i = 0; i < n; i++) y[i] = ep_activate(ep_binary(op, a[i], b), act);
}

void ep_f32_vrbinaryc_ukernel__scalar(int op, size_t n, const float *a, float b, float *y, const ep_activation *act) {
    for (size_t i = 0; i < n; i++) y[i] = ep_activate(ep_binary(op, b, a[i]), act);
}

void ep_f32_vbinary_strided(int op, int rank, const long *shape, const float *a, const long *a_strides,
                            const float *b, const long *b_strides, float *y, const ep_activation *act) {
    long coordinate[8] = {0};
    long total = 1;
    for (int d = 0; d < rank; d++) total *= shape[d];
    long ai = 0, bi = 0;
    for (long flat = 0; flat < total; flat++) {
        y[flat] = ep_activate(ep_binary(op, a[ai], b[bi]), act);
        for (int d = rank - 1; d >= 0; d--) {
            coordinate[d]++;
            ai += a_strides[d];
            bi += b_strides[d];
            if (coordinate[d] < shape[d]) break;
            ai -= a_strides[d] * coordinate[d];
            bi -= b_strides[d] * coordinate[d];
            coordinate[d] = 0;
        }
    }
}
