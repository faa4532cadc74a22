// OpenBLAS (Debian's pthread build, found through openblas.pc — never the generic blas.pc).
// OpenBLAS 0.3.21 reads OPENBLAS_CORETYPE only when it loads and falls back to its slow
// "Prescott" kernel on CPUs it does not know (TOOLCHAIN.md §1): callers log
// openblas_get_corename() so the kernel in use is always visible.
#ifndef EDGEPILOT_CENGINEBLAS_SHIM_H
#define EDGEPILOT_CENGINEBLAS_SHIM_H
#include <cblas.h>
#endif
