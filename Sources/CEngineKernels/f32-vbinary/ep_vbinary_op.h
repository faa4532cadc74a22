#ifndef EP_VBINARY_OP_H
#define EP_VBINARY_OP_H
static inline float ep_binary(int op, float a, float b) {
    switch (op) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    default: return a / b;
    }
}
#endif
