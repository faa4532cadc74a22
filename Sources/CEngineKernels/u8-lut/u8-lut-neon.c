#if defined(__aarch64__)
#include <arm_neon.h>
#include "ep_u8_lut.h"

// tbl on the first 64 entries (indices past 63 give 0), then tbx on each further 64 with the
// index moved down by 64 (tbx leaves lanes whose index is out of range untouched).
void ep_u8_lut_ukernel__neon(size_t n, const uint8_t *x, const uint8_t *table, uint8_t *y) {
    const uint8x16x4_t t0 = vld1q_u8_x4(table), t1 = vld1q_u8_x4(table + 64);
    const uint8x16x4_t t2 = vld1q_u8_x4(table + 128), t3 = vld1q_u8_x4(table + 192);
    const uint8x16_t v64 = vdupq_n_u8(64);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        uint8x16_t v = vld1q_u8(x + i);
        uint8x16_t r = vqtbl4q_u8(t0, v);
        v = vsubq_u8(v, v64);
        r = vqtbx4q_u8(r, t1, v);
        v = vsubq_u8(v, v64);
        r = vqtbx4q_u8(r, t2, v);
        v = vsubq_u8(v, v64);
        r = vqtbx4q_u8(r, t3, v);
        vst1q_u8(y + i, r);
    }
    if (i < n) ep_u8_lut_ukernel__scalar(n - i, x + i, table, y + i);
}
#endif
