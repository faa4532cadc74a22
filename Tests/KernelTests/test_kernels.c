// Every ISA kernel against the scalar kernel (the oracle) over edge sizes: widths and heights
// around the vector width, kernels 1/3/5, strides 1–3, dilations 1–2, pads 0–2, every
// activation. Built natively (scalar + AVX2 when the CPU has it) and for aarch64 (scalar +
// NEON), which `make test` runs under qemu-aarch64. Prints "N passed, M failed".
#include <math.h>
#if defined(__aarch64__)
#include <asm/hwcap.h>
#include <sys/auxv.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernel_test.h"

typedef void (*dwconv_fn)(const float *, const float *, float, float *, const ep_dwconv_params *, const ep_activation *, float *);
typedef void (*epilogue_fn)(float *, size_t, size_t, const float *, const float *, const ep_activation *);
typedef void (*vbinary_fn)(int, size_t, const float *, const float *, float *, const ep_activation *);
typedef void (*vbinaryc_fn)(int, size_t, const float *, float, float *, const ep_activation *);
typedef void (*maxpool_fn)(const float *, float *, const ep_pool_params *);
typedef float (*gavg_fn)(const float *, size_t);
typedef void (*qcvt_fn)(size_t, const float *, float, int32_t, uint8_t *);
typedef void (*dqcvt_fn)(size_t, const uint8_t *, float, int32_t, float *);
typedef void (*lut_fn)(size_t, const uint8_t *, const uint8_t *, uint8_t *);
typedef void (*qdwconv_fn)(const uint8_t *, const int8_t *, uint8_t *, const ep_dwconv_params *, const ep_qdwconv_channel *, uint8_t *);
typedef void (*qgemm_fn)(size_t, size_t, size_t, const int32_t *, const int32_t *, uint8_t *, const ep_qgemm_params *);

typedef struct {
    const char *isa;
    dwconv_fn dwconv;
    epilogue_fn epilogue;
    vbinary_fn vbinary;
    vbinaryc_fn vbinaryc;
    maxpool_fn maxpool;
    gavg_fn gavg;
    qgemm_fn qgemm;
    qcvt_fn quantize;
    dqcvt_fn dequantize;
    lut_fn lut;
    qdwconv_fn qdwconv;
} isa_table;

int passed = 0, failed = 0;
static unsigned long long rng = 12345;
float rnd(void) {
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (float)((rng >> 33) % 2000001) / 1000000.f - 1.f;
}

static void check(const char *what, const char *isa, const float *got, const float *want, size_t n, const char *detail) {
    for (size_t i = 0; i < n; i++) {
        const float tolerance = 1e-5f * (1.f + fabsf(want[i]));
        if (!(fabsf(got[i] - want[i]) <= tolerance)) {
            if (failed < 20) printf("FAIL %s [%s] %s: [%zu] = %g, scalar %g\n", what, isa, detail, i, got[i], want[i]);
            failed++;
            return;
        }
    }
    passed++;
}

const ep_activation activations[ACTIVATIONS] = {
    {0, 0, 0, 0, 0}, {1, 0.f, INFINITY, 0, 0}, {1, -0.25f, 0.5f, 0, 0}, {2, 0, 0, 0.2f, 0.5f}, {3, 0, 0, 1.f / 6, 0.5f},
    {4, 0, 0, 0, 0}, {3, 0, 0, 1.f / 6, 0.5f, 1, 0.75f, -0.3f}, {0, 0, 0, 0, 0, 1, -2.f, 1.f}, {1, 0.f, INFINITY, 0, 0, 1, 1.5f, 0.25f},
};

// Depthwise geometries: plane heights 1/5/9, widths around each block size (8/16/32 columns on
// AVX2, 4/16 on NEON), kernels 1/3/5, strides 1–3, dilations 1–2, pads 0–2; the largest output
// is 13 × 104. Returns how many it wrote.
static size_t dwconv_geometries(ep_dwconv_params *out) {
    static const int widths[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                                 30, 31, 32, 33, 34, 36, 40, 47, 62, 63, 64, 65, 66, 71, 94, 95, 96, 97, 100};
    size_t count = 0;
    for (int h = 1; h <= 9; h += 4)
        for (size_t wi = 0; wi < sizeof widths / sizeof widths[0]; wi++)
            for (int k = 1; k <= 5; k += 2)
                for (int s = 1; s <= 3; s++)
                    for (int d = 1; d <= 2; d++)
                        for (int pad = 0; pad <= 2; pad++) {
                            const int w = widths[wi], extent = (k - 1) * d + 1;
                            if (h + 2 * pad < extent || w + 2 * pad < extent) continue;
                            out[count++] = (ep_dwconv_params){h, w, k, k, (h + 2 * pad - extent) / s + 1, (w + 2 * pad - extent) / s + 1,
                                                              s, s, d, d, pad, pad};
                        }
    return count;
}

static ep_dwconv_params geometries[3 * 40 * 3 * 3 * 2 * 3];
static size_t geometry_count;

static void describe(const ep_dwconv_params *p, char *detail, size_t size) {
    snprintf(detail, size, "h%d w%d k%d s%d d%d pad%d", p->ih, p->iw, p->kh, p->stride_h, p->dilation_h, p->pad_top);
}

static void test_dwconv(const isa_table *t) {
    float input[9 * 100], kernel[25], want[16 * 110], got[16 * 110];
    float *scratch = malloc(sizeof(float) * 20 * 120 + 4096);
    for (size_t g = 0; g < geometry_count; g++) {
        const ep_dwconv_params *p = &geometries[g];
        for (int i = 0; i < p->ih * p->iw; i++) input[i] = rnd();
        for (int i = 0; i < p->kh * p->kw; i++) kernel[i] = rnd();
        const ep_activation *a = &activations[(p->iw + p->kh + p->stride_w) % ACTIVATIONS];
        const float bias = rnd();
        ep_f32_dwconv_minmax_ukernel__scalar(input, kernel, bias, want, p, a, NULL);
        t->dwconv(input, kernel, bias, got, p, a, scratch);
        char detail[96];
        describe(p, detail, sizeof detail);
        snprintf(detail + strlen(detail), sizeof detail - strlen(detail), " act%d", a->kind);
        check("f32-dwconv", t->isa, got, want, (size_t)p->oh * p->ow, detail);
    }
    free(scratch);
}

static void test_elementwise(const isa_table *t) {
    float a[70], b[70], want[70], got[70];
    for (size_t n = 1; n <= 67; n++) {
        for (int op = 0; op < 4; op++) {
            const ep_activation *act = &activations[(n + op) % ACTIVATIONS];
            for (size_t i = 0; i < n; i++) { a[i] = rnd(); b[i] = rnd() + (op == 3 ? 3.f : 0.f); }
            char detail[64];
            snprintf(detail, sizeof detail, "n%zu op%d act%d", n, op, act->kind);
            ep_f32_vbinary_ukernel__scalar(op, n, a, b, want, act);
            t->vbinary(op, n, a, b, got, act);
            check("f32-vbinary", t->isa, got, want, n, detail);
            ep_f32_vbinaryc_ukernel__scalar(op, n, a, b[0], want, act);
            t->vbinaryc(op, n, a, b[0], got, act);
            check("f32-vbinaryc", t->isa, got, want, n, detail);
        }
        // Epilogue: 3 channels of n, bias and residual, in place.
        float y1[3 * 70], y2[3 * 70], bias[3] = {rnd(), rnd(), rnd()}, residual[3 * 70];
        for (size_t i = 0; i < 3 * n; i++) { y1[i] = y2[i] = rnd(); residual[i] = rnd(); }
        const ep_activation *act = &activations[n % ACTIVATIONS];
        ep_f32_epilogue_ukernel__scalar(y1, 3, n, bias, (n & 1) ? residual : NULL, act);
        t->epilogue(y2, 3, n, bias, (n & 1) ? residual : NULL, act);
        char detail[32];
        snprintf(detail, sizeof detail, "n%zu", n);
        check("f32-epilogue", t->isa, y2, y1, 3 * n, detail);
        float mean_want = ep_f32_gavgpool_ukernel__scalar(a, n), mean_got = t->gavg(a, n);
        check("f32-gavgpool", t->isa, &mean_got, &mean_want, 1, detail);
    }
}

// Swish through the epilogue over [−100, 100], where the vector exp's range reduction and
// clamping matter (the other tests' values stay near zero).
static void test_swish_range(const isa_table *t) {
    enum { N = 2001 };
    static float got[N], want[N];
    const ep_activation swish = {4, 0, 0, 0, 0};
    for (int i = 0; i < N; i++) got[i] = -100.f + 0.1f * (float)i;
    for (int i = 0; i < N; i++) want[i] = ep_activate(got[i], &swish);
    t->epilogue(got, 1, N, NULL, NULL, &swish);
    check("swish", t->isa, got, want, N, "x in [-100, 100]");
}

// Kernels 2, 3 and YOLO's SPP sizes (5, 9, 13 at stride 1, "same" padding), strides 1–3,
// dilations 1–2, ceil_mode's extra column.
static void test_maxpool(const isa_table *t) {
    static const int kernels[] = {2, 3, 5, 9, 13};
    float input[40 * 40], want[40 * 40], got[40 * 40];
    for (int h = 2; h <= 12; h += 5)
        for (int w = 2; w <= 30; w++)
            for (int ki = 0; ki < 5; ki++)
                for (int s = 1; s <= 3; s++)
                    for (int d = 1; d <= 2; d++)
                    for (int pad = 0; pad <= kernels[ki] / 2; pad += kernels[ki] > 3 ? kernels[ki] / 2 : 1) {
                        const int k = kernels[ki], extent = d * (k - 1) + 1, ceil_extra = (w + h + s) % 2 && s > 1;
                        if (k > 3 && (s > 1 || d > 1)) continue;
                        ep_pool_params p = {h, w, k, k, 0, 0, s, s, d, d, pad, pad, pad, pad, 0};
                        if (h + 2 * pad < extent || w + 2 * pad < extent) continue;
                        p.oh = (h + 2 * pad - extent) / s + 1;
                        p.ow = (w + 2 * pad - extent + (ceil_extra ? s - 1 : 0)) / s + 1;
                        for (int i = 0; i < h * w; i++) input[i] = rnd();
                        ep_f32_maxpool_ukernel__scalar(input, want, &p);
                        t->maxpool(input, got, &p);
                        char detail[64];
                        snprintf(detail, sizeof detail, "h%d w%d k%d s%d d%d pad%d", h, w, k, s, d, pad);
                        check("f32-maxpool", t->isa, got, want, (size_t)p.oh * p.ow, detail);
                    }
}


// A uint8 max pool against the f32 oracle on the same (integer) values.
typedef void (*u8_maxpool_fn)(const uint8_t *, uint8_t *, const ep_pool_params *);
static void test_u8_maxpool(const char *isa, u8_maxpool_fn maxpool) {
    enum { H = 9, W = 70 };
    static uint8_t input[H * W], got[(H + 2) * (W + 2)];
    static float finput[H * W], want[(H + 2) * (W + 2)], wide[(H + 2) * (W + 2)];
    for (int h = 1; h <= H; h += 4)
        for (int w = 1; w <= W; w += 3)
            for (int k = 1; k <= 3; k++)
                for (int s = 1; s <= 3; s++)
                    for (int d = 1; d <= 2; d++)
                        for (int pad = 0; pad < k && pad <= 1; pad++) {
                            ep_pool_params p = {h, w, k, k, 0, 0, s, s, d, d, pad, pad, pad, pad, 0};
                            const int extent = d * (k - 1) + 1;
                            if (h + 2 * pad < extent || w + 2 * pad < extent) continue;
                            const int ceil_extra = s > 1 && (w + h) % 2;
                            p.oh = (h + 2 * pad - extent) / s + 1;
                            p.ow = (w + 2 * pad - extent + (ceil_extra ? s - 1 : 0)) / s + 1;
                            for (int i = 0; i < h * w; i++) finput[i] = input[i] = (uint8_t)((rnd() + 1) * 127.5f);
                            ep_f32_maxpool_ukernel__scalar(finput, want, &p);
                            int empty = 0;  // a dilated window that holds no pixel: not a valid MaxPool
                            for (int i = 0; i < p.oh * p.ow; i++) empty |= want[i] < 0;
                            if (empty) continue;
                            maxpool(input, got, &p);
                            for (int i = 0; i < p.oh * p.ow; i++) wide[i] = got[i];
                            char detail[64];
                            snprintf(detail, sizeof detail, "h%d w%d k%d s%d d%d pad%d", h, w, k, s, d, pad);
                            check("u8-maxpool", isa, wide, want, (size_t)p.oh * p.ow, detail);
                        }
}

// A qu8-qc8w-gemm kernel against the plain definition on unpacked weights, with the extreme
// values (w −128, x 255) where the dotprod kernel's x − 128 flip could overflow; `quads`
// selects the c4 layout's packers. Column counts cover the tiles of every kernel (8, 16, 32
// wide) and their tails.
enum { QG_M = 17, QG_N = 70, QG_K = 40 };
static const size_t qgemm_columns[] = {1, 3, 5, 7, 8, 9, 11, 13, 15, 16, 17, 19, 21, 31, 32, 33, 47, 64, 70};

static void test_qgemm_layout(const char *isa, qgemm_fn kernel, int quads) {
    static int8_t w[QG_M * QG_K];
    static int32_t packed[QG_M * QG_K], xpacked[QG_K * QG_N];
    static uint8_t x[QG_K * QG_N], want[QG_M * QG_N], got[QG_M * QG_N + 1];
    int32_t bias[QG_M];
    float multiplier[QG_M];
    for (size_t m = 1; m <= QG_M; m++)
        for (size_t c = 0; c < sizeof qgemm_columns / sizeof *qgemm_columns; c++)
            for (size_t k = 1; k <= QG_K; k += 3) {
                const size_t n = qgemm_columns[c];
                for (size_t i = 0; i < m * k; i++) w[i] = (int8_t)(rnd() * 127);
                for (size_t i = 0; i < k * n; i++) x[i] = (uint8_t)((rnd() + 1) * 127.5f);
                w[0] = -128;
                x[0] = 255;
                for (size_t i = 0; i < m; i++) { bias[i] = (int32_t)(rnd() * 20000); multiplier[i] = 0.0005f + 0.002f * (rnd() + 1); }
                const ep_qgemm_params p = {bias, multiplier, (int32_t)((rnd() + 1) * 60), (k & 1) ? 0 : 20, (k & 2) ? 255 : 200};
                for (size_t i = 0; i < m; i++)
                    for (size_t j = 0; j < n; j++) {
                        int32_t acc = bias[i];
                        for (size_t q = 0; q < k; q++) acc += (int32_t)w[i * k + q] * (int32_t)x[q * n + j];
                        want[i * n + j] = ep_requantize(acc, multiplier[i], &p);
                    }
                if (quads) {
                    ep_qc8w_pack_quads(m, k, w, packed);
                    ep_qu8_pack_quads(k, n, x, xpacked);
                } else {
                    ep_qc8w_pack_pairs(m, k, w, packed);
                    ep_qu8_pack_pairs(k, n, x, xpacked);
                }
                memset(got, 0xaa, sizeof got);
                kernel(m, n, k, packed, xpacked, got, &p);
                if (memcmp(got, want, m * n) == 0 && got[m * n] == 0xaa) passed++; else {
                    if (failed < 20) printf("FAIL qu8-qc8w-gemm%s [%s] m%zu n%zu k%zu\n", quads ? "-c4" : "", isa, m, n, k);
                    failed++;
                }
            }
}

// Float im2col equals its definition, and every tile of output positions (ep_x32_im2col_range,
// tiles of 1, 7, 64 positions crossing output rows) equals that slice of the whole.
static void test_x32_im2col(void) {
    enum { C = 3, H = 13, W = 17, PLANE = (H + 4) * (W + 4) };
    static float input[C * H * W], columns[C * 9 * PLANE], tile[C * 9 * 64];
    for (size_t i = 0; i < C * H * W; i++) input[i] = rnd();
    for (int k = 1; k <= 3; k += 2)
        for (int s = 1; s <= 2; s++)
            for (int d = 1; d <= 2; d++)
                for (int pad = 0; pad <= 2; pad++) {
                    ep_dwconv_params p = {H, W, k, k, 0, 0, s, s, d, d, pad, pad};
                    p.oh = (H + 2 * pad - d * (k - 1) - 1) / s + 1;
                    p.ow = (W + 2 * pad - d * (k - 1) - 1) / s + 1;
                    const int plane = p.oh * p.ow, rows = C * k * k;
                    ep_x32_im2col__scalar(input, C, &p, columns);
                    int bad = 0;
                    for (int ch = 0; ch < C; ch++)
                        for (int ky = 0; ky < k; ky++)
                            for (int kx = 0; kx < k; kx++)
                                for (int oy = 0; oy < p.oh; oy++)
                                    for (int ox = 0; ox < p.ow; ox++) {
                                        const int iy = oy * s - pad + ky * d, ix = ox * s - pad + kx * d;
                                        const float v = iy >= 0 && iy < H && ix >= 0 && ix < W ? input[(ch * H + iy) * W + ix] : 0.f;
                                        bad |= columns[((ch * k + ky) * k + kx) * plane + oy * p.ow + ox] != v;
                                    }
                    static const int sizes[] = {1, 7, 64};
                    for (int t = 0; t < 3; t++)
                        for (int first = 0; first < plane; first += sizes[t]) {
                            const int count = plane - first < sizes[t] ? plane - first : sizes[t];
                            ep_x32_im2col_range(input, C, &p, first, count, tile);
                            for (int r = 0; r < rows; r++) bad |= memcmp(tile + r * count, columns + r * plane + first, sizeof(float) * count) != 0;
                        }
                    if (bad && failed < 20) printf("FAIL x32-im2col k%d s%d d%d pad%d\n", k, s, d, pad);
                    bad ? failed++ : passed++;
                }
}

// im2col straight into the c4 layout equals im2col, then packing; im2col equals its definition.
// Widths below one SIMD span and above EP_QUAD_SPAN (256); padding values 7 and 0.
static void test_x8_im2col(void) {
    enum { C = 5, H = 19, WMAX = 300, PLANE = (H + 4) * (WMAX + 4) };  // pads up to 2 make the output larger
    static uint8_t input[C * H * WMAX], columns[C * 9 * PLANE];
    static int32_t want[(C * 9 + 3) / 4 * PLANE], got[(C * 9 + 3) / 4 * PLANE];
    for (size_t i = 0; i < sizeof input; i++) input[i] = (uint8_t)((rnd() + 1) * 127.5f);
    static const int widths[] = {21, WMAX};
    for (int wi = 0; wi < 2; wi++)
    for (int k = 1; k <= 3; k += 2)
        for (int s = 1; s <= 3; s++)
            for (int d = 1; d <= 2; d++)
                for (int pad = 0; pad <= 2; pad++)
                    for (int c = 1; c <= C; c += 2) {
                        const int W = widths[wi];
                        const uint8_t fill = (uint8_t)(c == 3 ? 0 : 7);
                        ep_dwconv_params p = {H, W, k, k, 0, 0, s, s, d, d, pad, pad};
                        p.oh = (H + 2 * pad - d * (k - 1) - 1) / s + 1;
                        p.ow = (W + 2 * pad - d * (k - 1) - 1) / s + 1;
                        const size_t plane = (size_t)p.oh * p.ow;
                        ep_x8_im2col__scalar(input, c, &p, fill, columns);
                        int bad = 0;
                        for (int ch = 0; ch < c; ch++)
                            for (int ky = 0; ky < k; ky++)
                                for (int kx = 0; kx < k; kx++)
                                    for (int oy = 0; oy < p.oh; oy++)
                                        for (int ox = 0; ox < p.ow; ox++) {
                                            const int iy = oy * s - pad + ky * d, ix = ox * s - pad + kx * d;
                                            const uint8_t v = iy >= 0 && iy < H && ix >= 0 && ix < W ? input[(ch * H + iy) * W + ix] : fill;
                                            bad |= columns[((ch * k + ky) * k + kx) * plane + oy * p.ow + ox] != v;
                                        }
                        ep_qu8_pack_quads((size_t)c * k * k, plane, columns, want);
                        ep_x8_im2col_quads(input, c, &p, fill, got);
                        bad |= memcmp(want, got, ((size_t)c * k * k + 3) / 4 * plane * 4) != 0;
                        if (bad && failed < 20) printf("FAIL x8-im2col w%d k%d s%d d%d pad%d c%d\n", W, k, s, d, pad, c);
                        bad ? failed++ : passed++;
                    }
}

static void test_qgemm(const isa_table *t) { test_qgemm_layout(t->isa, t->qgemm, 0); }

static void test_quantize(const isa_table *t) {
    float x[100];
    uint8_t want[100], got[100];
    for (size_t n = 1; n <= 99; n += 7)
        for (int zero = 0; zero <= 255; zero += 85) {
            const float scale = 0.01f + 0.05f * (rnd() + 1);
            for (size_t i = 0; i < n; i++) x[i] = rnd() * 10.f;
            x[0] = 0.5f * scale;  // a tie: rounds to even
            // Non-finite and out-of-range values: NaN → zero point, the rest saturate.
            const float odd[] = {NAN, INFINITY, -INFINITY, 1e30f, -1e30f, 3e9f * scale};
            for (size_t j = 0; j < 6 && 1 + 13 * j < n; j++) x[1 + 13 * j] = odd[j];
            ep_f32_qu8_vcvt__scalar(n, x, scale, zero, want);
            t->quantize(n, x, scale, zero, got);
            if (memcmp(got, want, n) == 0) passed++; else {
                if (failed < 20) printf("FAIL f32-qu8-vcvt [%s] n%zu zero%d\n", t->isa, n, zero);
                failed++;
            }
        }
}

// Against the bounds-checked scalar oracle: every geometry of the float test, weights at the
// int8 extremes, x_zero 0/128/255 (the padding value), a ReLU-style lower bound now and then.
static void test_qdwconv(const isa_table *t) {
    uint8_t input[9 * 100], want[16 * 110], got[16 * 110];
    int8_t kernel[25];
    uint8_t *scratch = aligned_alloc(16, 20 * 120 * 4 + 4096);
    for (size_t g = 0; g < geometry_count; g++) {
        const ep_dwconv_params *p = &geometries[g];
        for (int i = 0; i < p->ih * p->iw; i++) input[i] = (uint8_t)(128 + 127.9f * rnd());
        for (int i = 0; i < p->kh * p->kw; i++) kernel[i] = (int8_t)(127.9f * rnd());
        kernel[0] = -128;
        const int k = p->kh, variant = (p->iw + k) % 3;
        const int32_t zero = variant == 0 ? 0 : variant == 1 ? 128 : 255;
        ep_qdwconv_channel c = {(int32_t)(20000 * rnd()), 1.f / (float)(k * k * 90), (int32_t)(128 + 60 * rnd()), 0, 255, zero};
        if ((p->iw + p->stride_w) % 4 == 0) c.y_min = c.y_zero;
        ep_qu8_qc8w_dwconv_minmax_fp32_ukernel__scalar(input, kernel, want, p, &c, NULL);
        t->qdwconv(input, kernel, got, p, &c, scratch);
        if (memcmp(got, want, (size_t)p->oh * p->ow) == 0) passed++; else {
            char detail[96];
            describe(p, detail, sizeof detail);
            if (failed < 20) printf("FAIL qu8-qc8w-dwconv [%s] %s x_zero %d\n", t->isa, detail, zero);
            failed++;
        }
    }
    free(scratch);
}

static void test_dequantize(const isa_table *t) {
    uint8_t x[100];
    float want[100], got[100];
    for (size_t n = 1; n <= 99; n += 7)
        for (int zero = 0; zero <= 255; zero += 85) {
            const float scale = 0.01f + 0.05f * (rnd() + 1);
            for (size_t i = 0; i < n; i++) x[i] = (uint8_t)(i * 37 + (size_t)zero);
            x[0] = 0, x[n - 1] = 255;
            ep_qu8_f32_vcvt__scalar(n, x, scale, zero, want);
            t->dequantize(n, x, scale, zero, got);
            if (memcmp(got, want, n * sizeof(float)) == 0) passed++; else {
                if (failed < 20) printf("FAIL qu8-f32-vcvt [%s] n%zu zero%d\n", t->isa, n, zero);
                failed++;
            }
        }
}

// Every one of the 256 table entries, reached from every lane position, over lengths around
// the vector widths.
static void test_lut(const isa_table *t) {
    uint8_t table[256], x[300], want[300], got[300];
    for (int i = 0; i < 256; i++) table[i] = (uint8_t)(i * 151 + 7);
    for (size_t n = 1; n <= 300; n += n < 70 ? 1 : 23) {
        for (size_t i = 0; i < n; i++) x[i] = (uint8_t)(i * 7 + n);
        ep_u8_lut_ukernel__scalar(n, x, table, want);
        t->lut(n, x, table, got);
        if (memcmp(got, want, n) == 0) passed++; else {
            if (failed < 20) printf("FAIL u8-lut [%s] n%zu\n", t->isa, n);
            failed++;
        }
    }
    for (int i = 0; i < 256; i++) x[i] = (uint8_t)i;
    ep_u8_lut_ukernel__scalar(256, x, table, want);
    t->lut(256, x, table, got);
    if (memcmp(got, want, 256) == 0) passed++; else { printf("FAIL u8-lut [%s] all 256 entries\n", t->isa); failed++; }
}

// f16 ↔ f32: every half against the scalar definition, and floats across the whole range
// (specials, the overflow and subnormal rounding boundaries, random bit patterns).
static void test_f16_vcvt(const char *isa, void (*to32)(size_t, const uint16_t *, float *), void (*to16)(size_t, const float *, uint16_t *)) {
    static uint16_t halves[65536], got16[65536], want16[65536];
    static float got32[65536], want32[65536], floats[65536];
    for (int i = 0; i < 65536; i++) halves[i] = (uint16_t)i;
    ep_f16_f32_vcvt__scalar(65536, halves, want32);
    to32(65536, halves, got32);
    int bad = 0;
    for (int i = 0; i < 65536 && !bad; i++) {
        const int both_nan = isnan(got32[i]) && isnan(want32[i]);
        if (!both_nan && memcmp(&got32[i], &want32[i], sizeof(float)) != 0) {
            printf("FAIL f16->f32 [%s] 0x%04x: %g, scalar %g\n", isa, i, got32[i], want32[i]);
            bad = 1;
        }
    }
    bad ? failed++ : passed++;
    const float specials[] = {0.f, -0.f, INFINITY, -INFINITY, NAN, 65504.f, 65519.99f, 65520.f, -65520.f, 1e30f, 6.1035156e-05f,
                              6.0975552e-05f, 5.9604645e-08f, 2.9802322e-08f, 2.9802326e-08f, 8.940697e-08f, 1.0f + 1.0f / 2048, 1.0f + 3.0f / 2048};
    const size_t nspecial = sizeof specials / sizeof *specials;
    for (int i = 0; i < 65536; i++) {
        if ((size_t)i < nspecial) { floats[i] = specials[i]; continue; }
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        uint32_t bits = (uint32_t)(rng >> 32);
        if (i % 2) bits = (bits & 0x807fffff) | ((uint32_t)(96 + (rng >> 20) % 48) << 23);  // exponents around f16's range
        memcpy(&floats[i], &bits, sizeof bits);
    }
    for (size_t n = 1; n <= 65536; n = n < 40 ? n + 1 : n * 4) {
        ep_f32_f16_vcvt__scalar(n, floats, want16);
        to16(n, floats, got16);
        bad = 0;
        for (size_t i = 0; i < n && !bad; i++) {
            const int nan_got = (got16[i] & 0x7fff) > 0x7c00, nan_want = (want16[i] & 0x7fff) > 0x7c00;
            if (nan_got != nan_want || (!nan_want && got16[i] != want16[i])) {
                printf("FAIL f32->f16 [%s] n%zu [%zu] %.9g: 0x%04x, scalar 0x%04x\n", isa, n, i, floats[i], got16[i], want16[i]);
                bad = 1;
            }
        }
        bad ? failed++ : passed++;
    }
}

// f16 GEMM against the fp32-accumulating oracle over tile edges. Kernels accumulating in fp32
// may differ from it by a rounding of the sum; f16 accumulation by at most k+1 roundings of
// 2^-11 of Σ|terms|. Columns past n in each output row must stay untouched.
static void test_f16_gemm(const char *isa, ep_f16_gemm_fn kernel, int accumulates_in_f16) {
    static uint16_t a[17 * 70], b[70 * 30], bias[30], got[17 * 32], want[17 * 32];
    const size_t ms[] = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17}, ns[] = {1, 2, 3, 7, 8, 9, 15, 16, 17, 24}, ks[] = {1, 2, 7, 8, 16, 33, 64};
    for (size_t mi = 0; mi < 10; mi++) for (size_t ni = 0; ni < 10; ni++) for (size_t ki = 0; ki < 7; ki++) for (int clamp = 0; clamp < 2; clamp++) {
        const size_t m = ms[mi], n = ns[ni], k = ks[ki], lda = k + 3, ldb = n + 5, ldc = n + 2;
        for (size_t i = 0; i < m * lda; i++) a[i] = ep_f32_to_f16(rnd());
        for (size_t i = 0; i < k * ldb; i++) b[i] = ep_f32_to_f16(rnd());
        for (size_t i = 0; i < n; i++) bias[i] = ep_f32_to_f16(rnd());
        for (size_t i = 0; i < m * ldc; i++) got[i] = want[i] = 0x7777;
        const float lo = clamp ? -0.5f : -INFINITY, hi = clamp ? 0.5f : INFINITY;
        const uint16_t *with_bias = (mi + ni) % 3 ? bias : NULL;
        ep_f16_gemm_minmax_ukernel__scalar(m, n, k, a, lda, b, ldb, with_bias, want, ldc, lo, hi);
        kernel(m, n, k, a, lda, b, ldb, with_bias, got, ldc, lo, hi);
        int bad = 0;
        for (size_t i = 0; i < m && !bad; i++) for (size_t j = 0; j < ldc && !bad; j++) {
            const uint16_t g = got[i * ldc + j], w = want[i * ldc + j];
            if (j >= n) { if (g != 0x7777) { printf("FAIL f16-gemm [%s] m%zu n%zu k%zu: wrote past column n at [%zu][%zu]\n", isa, m, n, k, i, j); bad = 1; } continue; }
            float terms = with_bias ? fabsf(ep_f16_to_f32(with_bias[j])) : 0.f;
            for (size_t t = 0; t < k; t++) terms += fabsf(ep_f16_to_f32(a[i * lda + t]) * ep_f16_to_f32(b[t * ldb + j]));
            const float wf = ep_f16_to_f32(w), gf = ep_f16_to_f32(g);
            const float tolerance = accumulates_in_f16 ? (float)(k + 1) * terms / 2048.f + 1e-4f : fabsf(wf) / 1024.f + terms * 1e-6f + 1e-7f;
            if (!(fabsf(gf - wf) <= tolerance)) {
                printf("FAIL f16-gemm [%s] m%zu n%zu k%zu clamp%d: [%zu][%zu] = %g, oracle %g (tolerance %g)\n", isa, m, n, k, clamp, i, j, gf, wf, tolerance);
                bad = 1;
            }
        }
        bad ? failed++ : passed++;
    }
}

int main(void) {
    geometry_count = dwconv_geometries(geometries);
    isa_table tables[2];
    int count = 0;
    tables[count++] = (isa_table){"scalar", ep_f32_dwconv_minmax_ukernel__scalar, ep_f32_epilogue_ukernel__scalar,
                                  ep_f32_vbinary_ukernel__scalar, ep_f32_vbinaryc_ukernel__scalar,
                                  ep_f32_maxpool_ukernel__scalar, ep_f32_gavgpool_ukernel__scalar,
                                  ep_qu8_qc8w_gemm_minmax_fp32_ukernel__scalar, ep_f32_qu8_vcvt__scalar,
                                  ep_qu8_f32_vcvt__scalar, ep_u8_lut_ukernel__scalar,
                                  ep_qu8_qc8w_dwconv_minmax_fp32_ukernel__scalar};
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        tables[count++] = (isa_table){"avx2", ep_f32_dwconv_minmax_ukernel__avx2, ep_f32_epilogue_ukernel__avx2,
                                      ep_f32_vbinary_ukernel__avx2, ep_f32_vbinaryc_ukernel__avx2,
                                      ep_f32_maxpool_ukernel__avx2, ep_f32_gavgpool_ukernel__avx2,
                                      ep_qu8_qc8w_gemm_minmax_fp32_ukernel_8x8__avx2, ep_f32_qu8_vcvt__avx2,
                                      ep_qu8_f32_vcvt__avx2, ep_u8_lut_ukernel__avx2,
                                      ep_qu8_qc8w_dwconv_minmax_fp32_ukernel__avx2};
    } else {
        printf("skipping avx2: this CPU lacks avx2/fma\n");
    }
#elif defined(__aarch64__)
    tables[count++] = (isa_table){"neon", ep_f32_dwconv_minmax_ukernel__neon, ep_f32_epilogue_ukernel__neon,
                                  ep_f32_vbinary_ukernel__neon, ep_f32_vbinaryc_ukernel__neon,
                                  ep_f32_maxpool_ukernel__neon, ep_f32_gavgpool_ukernel__neon,
                                  ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8__neon, ep_f32_qu8_vcvt__neon,
                                  ep_qu8_f32_vcvt__neon, ep_u8_lut_ukernel__neon,
                                  ep_qu8_qc8w_dwconv_minmax_fp32_ukernel__neon};
#endif
    for (int i = 0; i < count; i++) {
        test_dwconv(&tables[i]);
        test_elementwise(&tables[i]);
        test_maxpool(&tables[i]);
        test_swish_range(&tables[i]);
        test_qgemm(&tables[i]);
        test_quantize(&tables[i]);
        test_dequantize(&tables[i]);
        test_lut(&tables[i]);
        test_qdwconv(&tables[i]);
    }
    test_u8_maxpool("scalar", ep_u8_maxpool_ukernel__scalar);
    test_f16_vcvt("scalar", ep_f16_f32_vcvt__scalar, ep_f32_f16_vcvt__scalar);
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c")) {
        test_f16_vcvt("f16c", ep_f16_f32_vcvt__f16c, ep_f32_f16_vcvt__f16c);
        test_f16_gemm("avx2", ep_f16_gemm_minmax_ukernel_4x8__avx2, 0);
    } else {
        printf("f16 avx2/f16c: not run (this CPU lacks avx2/fma/f16c)\n");
    }
#elif defined(__aarch64__)
    test_f16_vcvt("neon", ep_f16_f32_vcvt__neon, ep_f32_f16_vcvt__neon);
    // FP16 arithmetic (ARMv8.2-A): qemu's cortex-a57 lacks it, `-cpu max` has it.
    if (getauxval(AT_HWCAP) & HWCAP_ASIMDHP) test_f16_gemm("neonfp16arith", ep_f16_gemm_minmax_ukernel_8x8__neonfp16arith, 1);
    else printf("neonfp16arith: not run (this CPU has no FP16 arithmetic)\n");
#endif
    test_qgemm_layout("scalar", ep_qu8_qc8w_gemm_minmax_fp32_ukernel_c4__scalar, 1);
    test_f32_gemm("scalar", ep_f32_gemm_minmax_ukernel_4x8__scalar, 4);
    test_x8_im2col();
    test_x32_im2col();
#if defined(EP_SIMDE)
    // Built against SIMDe: the x86 kernels run on portable code, whatever this CPU has.
    test_qgemm_layout("avx512vnni (SIMDe)", ep_qu8_qc8w_gemm_minmax_fp32_ukernel_8x32c4__avx512vnni, 1);
    test_qgemm_layout("avxvnni (SIMDe)", ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x16c4__avxvnni, 1);
    test_qgemm_layout("avx2 (SIMDe)", ep_qu8_qc8w_gemm_minmax_fp32_ukernel_8x8__avx2, 0);
    test_f32_gemm("avx512f (SIMDe)", ep_f32_gemm_minmax_ukernel_8x32__avx512f, 8);
    test_f32_gemm("avx2 (SIMDe)", ep_f32_gemm_minmax_ukernel_6x16__avx2, 6);
    test_u8_maxpool("avx2 (SIMDe)", ep_u8_maxpool_ukernel__avx2);
#elif defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) test_u8_maxpool("avx2", ep_u8_maxpool_ukernel__avx2);
    if (__builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl"))
        test_qgemm_layout("avx512vnni", ep_qu8_qc8w_gemm_minmax_fp32_ukernel_8x32c4__avx512vnni, 1);
    else printf("avx512vnni: not run natively (this CPU lacks AVX512-VNNI; the SIMDe build checks it)\n");
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) test_f32_gemm("avx2", ep_f32_gemm_minmax_ukernel_6x16__avx2, 6);
    if (__builtin_cpu_supports("avx512f")) test_f32_gemm("avx512f", ep_f32_gemm_minmax_ukernel_8x32__avx512f, 8);
    else printf("avx512f: not run natively (this CPU lacks AVX-512; the SIMDe build checks it)\n");
    if (__builtin_cpu_supports("avxvnni")) test_qgemm_layout("avxvnni", ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x16c4__avxvnni, 1);
    else printf("avxvnni: not run natively (this CPU lacks AVX-VNNI; the SIMDe build checks it)\n");
#endif
#if defined(__aarch64__)
    test_f32_gemm("neon", ep_f32_gemm_minmax_ukernel_8x12__neon, 8);
    // dotprod (ARMv8.2-A) and i8mm (ARMv8.6-A): qemu's cortex-a57 lacks them, `-cpu max` has both.
    if (getauxval(AT_HWCAP) & HWCAP_ASIMDDP) test_qgemm_layout("neondot", ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8c4__neondot, 1);
    else printf("neondot: not run (this CPU has no dot product instructions)\n");
    if (getauxval(AT_HWCAP2) & HWCAP2_I8MM) test_qgemm_layout("neoni8mm", ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8c4__neoni8mm, 1);
    else printf("neoni8mm: not run (this CPU has no i8mm)\n");
#endif
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
