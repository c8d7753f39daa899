// The RCAE loss and gradient, row by row (the inner kernel of RCAEKernel.swift; the formulas are
// written there). Rows go one at a time: the d² accumulators of J take the registers a row tile
// would use. Per row and chunk: (d + d²) multiply-adds forward, about 3d² backward.
#include "Dispatch.h"
#include "Forward.h"

AE_INLINE double rcae_row(const ae_weights *w, const ae_block *ws, const ae_rcae_scratch *s, const double *x,
                          double scale, double penalty, int sig) {
    const long d = w->dim, C = w->chunks;
    const lanes *wt = (const lanes *)w->wt, *v = (const lanes *)w->v;
    lanes *sh = (lanes *)s->h, *sg = (lanes *)s->g, *racc = (lanes *)s->racc, *macc = (lanes *)s->macc;
    forward_row(w, x, d, sig, racc, sh, sg, macc);
    double loss = 0, contraction = 0;
    for (long i = 0; i < d; i++) {
        double e = decoder_input(w, i, racc[i]) - x[i];
        loss += e * e;
        s->dr[i] = scale * e;
        ws->gc[i] += scale * e;
    }
    for (long m = 0; m < d * d; m++) {
        double value = lane_sum(macc[m]);
        contraction += value * value;
        s->dm[m] = scale * penalty * value;
    }
    lanes *gwt = (lanes *)ws->gwt, *gv = (lanes *)ws->gv, *gb = (lanes *)ws->gb;
    for (long k = 0; k < C; k++) {
        lanes h = sh[k], g = sg[k];
        lanes dh = 0, dg = 0;
        for (long i = 0; i < d; i++) {
            lanes vi = v[i * C + k];
            dh += vi * s->dr[i];
            lanes ai = 0;
            for (long j = 0; j < d; j++) ai += s->dm[i * d + j] * wt[j * C + k];
            dg += vi * ai;
            gv[i * C + k] += h * s->dr[i] + g * ai;
        }
        lanes da = dh * g + dg * act_curvature(sig, h, g);
        gb[k] += da;
        for (long j = 0; j < d; j++) {
            lanes bj = 0;
            for (long i = 0; i < d; i++) bj += s->dm[i * d + j] * v[i * C + k];
            gwt[j * C + k] += da * x[j] + g * bj;
        }
    }
    return loss + penalty * contraction;
}

AE_INLINE double ae_rcae_rows_body(const ae_weights *w, const ae_block *ws, const ae_rcae_scratch *s, long first,
                                   long end, const double *x, double scale, double penalty, double loss) {
    const long d = w->dim;
    if (w->sigmoid) {
        for (long row = first; row < end; row++) loss += rcae_row(w, ws, s, x + row * d, scale, penalty, 1);
    } else {
        for (long row = first; row < end; row++) loss += rcae_row(w, ws, s, x + row * d, scale, penalty, 0);
    }
    return loss;
}

AE_DISPATCH(double, ae_rcae_rows,
            (const ae_weights *w, const ae_block *block, const ae_rcae_scratch *scratch, long first, long end,
             const double *x, double scale, double penalty, double loss),
            (w, block, scratch, first, end, x, scale, penalty, loss))
