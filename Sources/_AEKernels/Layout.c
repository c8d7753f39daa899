// Between θ, the parameter vector (W row-major H × d, b, V d × H unless tied, c), and the kernels'
// padded layout (ae_weights). Memory-bound copies: one version serves every instruction set.
#include "_AEKernels.h"
#include "Lanes.h"

void ae_weights_load(const double *theta, long hidden, int tied, double *wt, double *b, double *v, double *wsq,
                     double *c, long dim, long chunks) {
    const long d = dim, h = hidden, C = chunks;
    for (long i = 0; i < d; i++)
        for (long j = 0; j < h; j++) wt[8 * i * C + j] = theta[i * h + j];
    for (long j = 0; j < h; j++) b[j] = theta[d * h + j];
    const double *v_source = tied ? theta : theta + d * h + h;
    for (long i = 0; i < d; i++)
        for (long j = 0; j < h; j++) v[8 * i * C + j] = v_source[i * h + j];
    const double *c_source = theta + (tied ? d * h + h : 2 * d * h + h);
    for (long i = 0; i < d; i++) c[i] = c_source[i];
    const lanes *w = (const lanes *)wt;
    for (long k = 0; k < C; k++) {
        lanes s = 0;
        for (long i = 0; i < d; i++) s += w[i * C + k] * w[i * C + k];
        ((lanes *)wsq)[k] = s;
    }
}

void ae_pack_by_inputs(const double *m, long dim, long chunks, double *panel) {
    const long hc = 8 * chunks, dp = (dim + 7) / 8 * 8;
    for (long c = 0; c < dp / 8; c++)
        for (long u = 0; u < hc; u++)
            for (long l = 0; l < 8; l++) {
                const long i = 8 * c + l;
                panel[(c * hc + u) * 8 + l] = i < dim ? m[i * hc + u] : 0;
            }
}

void ae_gradient_unpack(const ae_weights *w, const ae_block *total, long hidden, int tied, double cae, double *g) {
    const long d = w->dim, h = hidden, C = w->chunks;
    for (long i = 0; i < d; i++) {
        for (long j = 0; j < h; j++) {
            double value = total->gwt[8 * i * C + j];
            if (tied) value += total->gv[8 * i * C + j];
            if (cae != 0) value += cae * total->gsq[j] * w->wt[8 * i * C + j];
            g[i * h + j] = value;
        }
    }
    for (long j = 0; j < h; j++) g[d * h + j] = total->gb[j];
    if (!tied)
        for (long i = 0; i < d; i++)
            for (long j = 0; j < h; j++) g[d * h + h + i * h + j] = total->gv[8 * i * C + j];
    const long oc = tied ? d * h + h : 2 * d * h + h;
    for (long i = 0; i < d; i++) g[oc + i] = total->gc[i];
}
