// What the kernel test files share: the counters, the generator, the activations every kernel
// is checked with, and each family's test entry point.
#ifndef KERNEL_TEST_H
#define KERNEL_TEST_H
#include "ep_kernels.h"

extern int passed, failed;
float rnd(void);
enum { ACTIVATIONS = 9 };
extern const ep_activation activations[ACTIVATIONS];

// test_f32_gemm.c: `kernel` (MR rows) against a float64 oracle.
void test_f32_gemm(const char *isa, void (*kernel)(EP_F32_GEMM_ARGS), size_t mr);
#endif
