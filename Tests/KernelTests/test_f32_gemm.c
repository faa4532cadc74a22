// f32-gemm against a float64 oracle: m around each MR, k from 1 to 300, n around each NR,
// row strides wider than n, bias and residual present or not, every activation, and the
// columns computed in one call or split in two at an arbitrary column (as threads split them).
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "kernel_test.h"

static const size_t rows[] = {1, 3, 4, 5, 8, 9, 12, 17};
static const size_t depths[] = {1, 2, 7, 64, 300};
static const size_t columns[] = {1, 5, 8, 11, 12, 13, 23, 24, 25, 31, 32, 33, 50, 97};

static int compare(const float *got, const double *want, size_t m, size_t n, size_t ldy, size_t k, const char *isa, const char *detail) {
    for (size_t i = 0; i < m; i++) {
        for (size_t j = 0; j < n; j++) {
            const double w = want[i * n + j];
            const double tolerance = 2e-7 * (double)(k + 4) * (1.0 + fabs(w));
            if (!(fabs((double)got[i * ldy + j] - w) <= tolerance)) {
                if (failed < 20) printf("FAIL f32-gemm [%s] %s: y[%zu][%zu] = %g, want %g\n", isa, detail, i, j, got[i * ldy + j], w);
                return 0;
            }
        }
        for (size_t j = n; j < ldy; j++) {
            if (!isnan(got[i * ldy + j])) {
                if (failed < 20) printf("FAIL f32-gemm [%s] %s: wrote y[%zu][%zu], past the last column\n", isa, detail, i, j);
                return 0;
            }
        }
    }
    return 1;
}

void test_f32_gemm(const char *isa, void (*kernel)(EP_F32_GEMM_ARGS), size_t mr) {
    enum { MAXM = 17, MAXK = 300, MAXN = 97, PAD = 3 };
    static float w[MAXM * MAXK], x[MAXK * (MAXN + PAD)], bias[MAXM], res[MAXM * (MAXN + PAD)], y[MAXM * (MAXN + PAD)];
    static float packed[(MAXM + 8) * MAXK], tail[MAXK * 32];
    static double want[MAXM * MAXN];
    for (size_t mi = 0; mi < sizeof rows / sizeof *rows; mi++)
        for (size_t ki = 0; ki < sizeof depths / sizeof *depths; ki++)
            for (size_t ni = 0; ni < sizeof columns / sizeof *columns; ni++)
                for (int variant = 0; variant < 4 * ACTIVATIONS; variant++) {
                    const size_t m = rows[mi], k = depths[ki], n = columns[ni], ldx = n + (variant % 2) * PAD, ldy = ldx;
                    const int with_bias = variant / 2 % 2, with_res = (variant / ACTIVATIONS + ni) % 2;
                    const ep_activation *act = &activations[variant % ACTIVATIONS];
                    for (size_t i = 0; i < m * k; i++) w[i] = rnd();
                    for (size_t i = 0; i < k * ldx; i++) x[i] = rnd();
                    for (size_t i = 0; i < m; i++) bias[i] = rnd();
                    for (size_t i = 0; i < m * ldy; i++) res[i] = rnd() * 2.f;
                    for (size_t i = 0; i < m; i++)
                        for (size_t j = 0; j < n; j++) {
                            double sum = with_bias ? bias[i] : 0.0;
                            for (size_t t = 0; t < k; t++) sum += (double)w[i * k + t] * (double)x[t * ldx + j];
                            if (with_res) sum += res[i * ldy + j];
                            want[i * n + j] = ep_activate((float)sum, act);
                        }
                    ep_f32_gemm_pack(m, k, mr, w, packed);
                    const ep_f32_gemm_params p = {with_bias ? bias : NULL, with_res ? res : NULL, *act};
                    for (size_t i = 0; i < m * ldy; i++) y[i] = NAN;
                    const size_t split = variant % 3 ? n * (size_t)(variant % 3) / 3 : n;
                    kernel(m, k, 0, split, packed, x, ldx, y, ldy, &p, tail);
                    if (split < n) kernel(m, k, split, n, packed, x, ldx, y, ldy, &p, tail);
                    char detail[96];
                    snprintf(detail, sizeof detail, "m %zu k %zu n %zu ldx %zu bias %d residual %d act %d split %zu", m, k, n, ldx,
                             with_bias, with_res, act->kind, split);
                    if (compare(y, want, m, n, ldy, k, isa, detail)) passed++;
                    else failed++;
                }
}
