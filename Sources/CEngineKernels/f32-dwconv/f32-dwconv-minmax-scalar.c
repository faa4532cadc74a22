#include "ep_dwconv_common.h"

void ep_f32_dwconv_minmax_ukernel__scalar(const float *input, const float *kernel, float bias, float *output,
                                          const ep_dwconv_params *p, const ep_activation *act, float *scratch) {
    (void)scratch;
    for (int oy = 0; oy < p->oh; oy++) {
        for (int ox = 0; ox < p->ow; ox++) {
            output[oy * p->ow + ox] = ep_activate(ep_dwconv_pixel(input, kernel, bias, p, oy, ox), act);
        }
    }
}
