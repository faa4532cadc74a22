// C micro-kernels of the EdgePilot engine (STYLE §3: families `<dtype>-<op>/`, files
// `<dtype>-<op>-<tile>-<activation>-<isa>.c`, symbols `ep_<dtype>_<op>_<activation>_ukernel_<tile>__<isa>`).
// One header per family, included here. Every kernel has a scalar version, which is the
// oracle; ISA versions are compiled with per-function target attributes and guarded by
// architecture, so this target builds on x86_64 and aarch64 alike. Dispatch happens once, in
// Swift (Engine/Kernels): kernels never test CPU features.
#ifndef EP_KERNELS_H
#define EP_KERNELS_H
#include "ep_f32_dwconv.h"
#include "ep_f32_epilogue.h"
#include "ep_f32_gemm.h"
#include "ep_f32_vbinary.h"
#include "ep_f32_pool.h"
#include "ep_x32_im2col.h"
#include "ep_qu8_qc8w_gemm.h"
#include "ep_qu8_qc8w_gemm_c4.h"
#include "ep_x8_im2col.h"
#include "ep_qu8_vcvt.h"
#include "ep_u8_pool.h"
#include "ep_u8_lut.h"
#include "ep_qu8_qc8w_dwconv.h"
#include "ep_f16.h"
#endif
