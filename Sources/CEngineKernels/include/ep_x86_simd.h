// x86 intrinsics for the ISA kernels: natively, or — when the kernel test is built with
// -DEP_SIMDE — SIMDe's portable implementations (Debian libsimde-dev), so kernels whose
// instructions this CPU lacks (AVX-512 VNNI, AVX-VNNI) are still checked against the oracle.
// SIMDe 0.7.4 has no 512-bit float conversions or masked loads, so the kernels keep to
// what both provide: 512-bit integer work, AVX2 for requantization.
#ifndef EP_X86_SIMD_H
#define EP_X86_SIMD_H
#if defined(EP_SIMDE)
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/x86/avx512.h>
#define EP_TARGET(features)
// AVX-VNNI's VEX-encoded vpdpbusd computes what AVX512-VNNI's 256-bit form does.
#define _mm256_dpbusd_avx_epi32 _mm256_dpbusd_epi32
#ifndef _MM_FROUND_NO_EXC
#define _MM_FROUND_NO_EXC SIMDE_MM_FROUND_NO_EXC
#endif
#ifndef _MM_FROUND_TO_NEAREST_INT
#define _MM_FROUND_TO_NEAREST_INT SIMDE_MM_FROUND_TO_NEAREST_INT
#endif
#define EP_X86_KERNELS 1
#elif defined(__x86_64__)
#include <immintrin.h>
#define EP_TARGET(features) __attribute__((target(features)))
#define EP_X86_KERNELS 1
#endif
#endif
