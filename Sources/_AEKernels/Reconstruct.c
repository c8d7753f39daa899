// r(x) = c + V·act(b + W·x) row by row (the batched queries of AutoEncoder+Queries.swift).
// Per row and chunk of 8 units: 2d multiplies and adds and one activation.
#include "Dispatch.h"
#include "Lanes.h"

AE_INLINE void reconstruct_rows(const ae_weights *w, long first, long end, const double *x, double *r,
                                int sigmoid_decoder, double *scratch, int sig) {
    const long d = w->dim, C = w->chunks;
    const lanes *wt = (const lanes *)w->wt, *b = (const lanes *)w->b, *v = (const lanes *)w->v;
    lanes *acc = (lanes *)scratch;
    for (long row = first; row < end; row++) {
        const double *xr = x + row * d;
        for (long i = 0; i < d; i++) acc[i] = 0;
        for (long k = 0; k < C; k++) {
            lanes h = act_value(sig, pre_activation(wt, b, C, k, xr, d));
            for (long i = 0; i < d; i++) acc[i] += v[i * C + k] * h;
        }
        for (long i = 0; i < d; i++) {
            double o = w->c[i] + lane_sum(acc[i]);
            r[row * d + i] = sigmoid_decoder ? sigmoid1(o) : o;
        }
    }
}

AE_INLINE void ae_reconstruct_rows_body(const ae_weights *w, long first, long end, const double *x, double *r,
                                       int sigmoid_decoder, double *acc) {
    if (w->sigmoid) reconstruct_rows(w, first, end, x, r, sigmoid_decoder, acc, 1);
    else reconstruct_rows(w, first, end, x, r, sigmoid_decoder, acc, 0);
}

AE_DISPATCH_VOID(ae_reconstruct_rows,
            (const ae_weights *w, long first, long end, const double *x, double *r, int sigmoid_decoder, double *acc),
            (w, first, end, x, r, sigmoid_decoder, acc))
