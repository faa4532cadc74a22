#ifndef EP_ACTIVATION_H
#define EP_ACTIVATION_H
#include <math.h>
// The activation fused into a kernel's epilogue (conv, gemm, depthwise).
// kind: 0 linear, 1 clamp to [min, max] (ReLU = [0, inf], ReLU6 = [0, 6]),
//       2 hard-sigmoid max(0, min(1, alpha*x + beta)), 3 hard-swish x * hard-sigmoid(x),
//       4 swish (SiLU) x * sigmoid(x) = x / (1 + e^-x).
// affine: then y * scale + shift — the scalar Mul/Add some exporters put after an activation
// (PP-LCNetV3's "learnable affine block"), which would otherwise be two passes over the output.
typedef struct ep_activation {
    int kind;
    float min;
    float max;
    float alpha;
    float beta;
    int affine;
    float scale;
    float shift;
} ep_activation;

_Static_assert(sizeof(ep_activation) == 32, "ep_activation layout is shared with Swift");

static inline float ep_activate_kind(float x, const ep_activation *a) {
    switch (a->kind) {
    case 1: return x < a->min ? a->min : (x > a->max ? a->max : x);
    case 2: { float y = a->alpha * x + a->beta; return y < 0.f ? 0.f : (y > 1.f ? 1.f : y); }
    case 3: { float y = a->alpha * x + a->beta; y = y < 0.f ? 0.f : (y > 1.f ? 1.f : y); return x * y; }
    case 4: return x / (1.f + expf(-x));
    default: return x;
    }
}

static inline float ep_activate(float x, const ep_activation *a) {
    const float y = ep_activate_kind(x, a);
    return a->affine ? y * a->scale + a->shift : y;
}
#endif
