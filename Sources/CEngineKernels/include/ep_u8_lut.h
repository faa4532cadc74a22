// u8-lut: y[i] = table[x[i]] over n bytes — a quantized elementwise function as a 256-entry table.
#ifndef EP_U8_LUT_H
#define EP_U8_LUT_H
#include <stddef.h>
#include <stdint.h>

void ep_u8_lut_ukernel__scalar(size_t n, const uint8_t *x, const uint8_t *table, uint8_t *y);
void ep_u8_lut_ukernel__avx2(size_t n, const uint8_t *x, const uint8_t *table, uint8_t *y);
void ep_u8_lut_ukernel__neon(size_t n, const uint8_t *x, const uint8_t *table, uint8_t *y);
#endif
