// Max pooling of one plane with explicit SIMD lanes, as a template: the including kernel
// defines the element type and lane operations, then includes this file once.
//   EP_MP_NAME, EP_MP_T (element), EP_MP_N (lanes), EP_MP_V (vector type), EP_MP_LOWEST (below
//   every value), EP_MP_LOAD / EP_MP_STORE (unaligned), EP_MP_MAX(new, old) (old when
//   unordered, as the scalar oracle), EP_MP_EVEN(a, b) (lanes 0, 2, 4, … of a then b),
//   EP_MP_FALLBACK (the kernel for what this one does not take: strides above 2, rows wider
//   than EP_MP_ROW, windows taller than EP_MP_TAPS).
// Separable, as ep_maxpool_separable.h: per output row, the rows of the window are maxed into a
// row buffer whose padding cells hold EP_MP_LOWEST; then each tap of the window is one vector
// load per N outputs (at stride 2, the even lanes of two loads). Every pass works in whole
// vectors, the last one overlapping the one before (max is idempotent): scalar remainder loops
// cost more than the work on the 13–55 wide planes of classifiers. Rows narrower than a vector
// go through a line buffer.
#include <string.h>

enum { EP_MP_ROW = 2048, EP_MP_SLACK = 2 * EP_MP_N, EP_MP_TAPS = 32 };

// cells = the max of `count` source rows of n values, in registers (the row buffer is only
// written, so no load waits on a store). The last vector may overlap the one before.
EP_MP_TARGET
static inline void ep_mp_rows(EP_MP_T *cells, const EP_MP_T *const *src, int count, int n) {
    if (n < EP_MP_N) {
        for (int i = 0; i < n; i++) {
            EP_MP_T m = src[0][i];
            for (int r = 1; r < count; r++) m = src[r][i] > m ? src[r][i] : m;
            cells[i] = m;
        }
        return;
    }
    for (int i = 0;; i += EP_MP_N) {
        if (i > n - EP_MP_N) i = n - EP_MP_N;
        EP_MP_V m = EP_MP_LOAD(src[0] + i);
        for (int r = 1; r < count; r++) m = EP_MP_MAX(EP_MP_LOAD(src[r] + i), m);
        EP_MP_STORE(cells + i, m);
        if (i == n - EP_MP_N) break;
    }
}

// out[0, n) from the row buffer, n ≥ EP_MP_N: whole vectors, the last one overlapping.
EP_MP_TARGET
static inline void ep_mp_columns(const EP_MP_T *row, EP_MP_T *out, int n, const ep_pool_params *p) {
    for (int ox = 0;; ox += EP_MP_N) {
        if (ox > n - EP_MP_N) ox = n - EP_MP_N;
        EP_MP_V m;
        if (p->stride_w == 1) {
            m = EP_MP_LOAD(row + ox);
            for (int kx = 1; kx < p->kw; kx++) m = EP_MP_MAX(EP_MP_LOAD(row + ox + kx * p->dilation_w), m);
        } else {
            const EP_MP_T *base = row + 2 * ox;
            m = EP_MP_EVEN(EP_MP_LOAD(base), EP_MP_LOAD(base + EP_MP_N));
            for (int kx = 1; kx < p->kw; kx++) {
                const EP_MP_T *tap = base + kx * p->dilation_w;
                m = EP_MP_MAX(EP_MP_EVEN(EP_MP_LOAD(tap), EP_MP_LOAD(tap + EP_MP_N)), m);
            }
        }
        EP_MP_STORE(out + ox, m);
        if (ox == n - EP_MP_N) break;
    }
}

EP_MP_TARGET
void EP_MP_NAME(const EP_MP_T *input, EP_MP_T *output, const ep_pool_params *p) {
    const int span = (p->ow - 1) * p->stride_w + (p->kw - 1) * p->dilation_w + 1;
    const int width = span > p->pad_left + p->iw ? span : p->pad_left + p->iw;
    if (width > EP_MP_ROW || p->stride_w > 2 || p->kh > EP_MP_TAPS) {
        EP_MP_FALLBACK(input, output, p);
        return;
    }
    EP_MP_T row[EP_MP_ROW + 2 * EP_MP_SLACK], line[EP_MP_N];
    // Cells the row pass never writes: the padding, and the slack whole vectors may read.
    for (int i = 0; i < p->pad_left; i++) row[i] = EP_MP_LOWEST;
    for (int i = p->pad_left + p->iw; i < width + EP_MP_SLACK; i++) row[i] = EP_MP_LOWEST;
    EP_MP_T *const cells = row + p->pad_left;
    for (int oy = 0; oy < p->oh; oy++) {
        const EP_MP_T *src[EP_MP_TAPS];
        int rows = 0;
        for (int ky = 0; ky < p->kh; ky++) {
            const int iy = oy * p->stride_h - p->pad_top + ky * p->dilation_h;
            if (iy >= 0 && iy < p->ih) src[rows++] = input + (size_t)iy * p->iw;
        }
        if (rows > 0) {
            ep_mp_rows(cells, src, rows, p->iw);
        } else {
            for (int i = 0; i < p->iw; i++) cells[i] = EP_MP_LOWEST;
        }
        EP_MP_T *out = output + (size_t)oy * p->ow;
        if (p->ow < EP_MP_N) {
            ep_mp_columns(row, line, EP_MP_N, p);
            memcpy(out, line, (size_t)p->ow * sizeof(EP_MP_T));
        } else {
            ep_mp_columns(row, out, p->ow, p);
        }
    }
}
