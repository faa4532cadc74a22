// f32-vbinary: elementwise a op b with ONNX broadcasting, in three shapes of call:
//   *_ukernel__<isa>:  n contiguous elements of both a and b;
//   *c: b is one value (scalar broadcast);
//   rowc: a is [rows][size], b is [rows] (one value per row: NCHW x [N,C,1,1]).
// op: 0 add, 1 sub, 2 mul, 3 div. The activation is applied to the result.
// General broadcasts go through ep_f32_vbinary_strided (up to 6 dims, element strides with
// 0 on broadcast axes).
#ifndef EP_F32_VBINARY_H
#define EP_F32_VBINARY_H
#include <stddef.h>
#include "ep_activation.h"

void ep_f32_vbinary_ukernel__scalar(int op, size_t n, const float *a, const float *b, float *y, const ep_activation *act);
void ep_f32_vbinary_ukernel__avx2(int op, size_t n, const float *a, const float *b, float *y, const ep_activation *act);
void ep_f32_vbinary_ukernel__neon(int op, size_t n, const float *a, const float *b, float *y, const ep_activation *act);
void ep_f32_vbinaryc_ukernel__scalar(int op, size_t n, const float *a, float b, float *y, const ep_activation *act);
void ep_f32_vbinaryc_ukernel__avx2(int op, size_t n, const float *a, float b, float *y, const ep_activation *act);
void ep_f32_vbinaryc_ukernel__neon(int op, size_t n, const float *a, float b, float *y, const ep_activation *act);
// Reversed scalar: y = b op a[i] (for sub/div with the scalar on the left).
void ep_f32_vrbinaryc_ukernel__scalar(int op, size_t n, const float *a, float b, float *y, const ep_activation *act);
void ep_f32_vbinary_strided(int op, int rank, const long *shape, const float *a, const long *a_strides,
                            const float *b, const long *b_strides, float *y, const ep_activation *act);
#endif
