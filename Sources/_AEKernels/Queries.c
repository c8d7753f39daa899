// The row-by-row queries of AutoEncoder+Queries.swift, on the one forward pass (Forward.h): r(x),
// the hidden values h(x), and ∂r/∂x. Per row and chunk of 8 units: 2d fmas and one activation
// (and d² fmas for the Jacobian).
#include "Dispatch.h"
#include "Forward.h"

AE_INLINE void reconstruct_rows(const ae_weights *w, long first, long end, const double *x, double *r,
                                int sigmoid_decoder, double *scratch, int sig) {
    const long d = w->dim;
    lanes *acc = (lanes *)scratch;
    for (long row = first; row < end; row++) {
        forward_row(w, x + row * d, d, sig, acc, 0, 0, 0);
        for (long i = 0; i < d; i++) r[row * d + i] = decoder_output(decoder_input(w, i, acc[i]), sigmoid_decoder);
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

/// The first `hidden` hidden values of each row (the padding units are dropped).
AE_INLINE void encode_rows(const ae_weights *w, long first, long end, const double *x, long hidden, double *h,
                           int sig) {
    const long d = w->dim;
    for (long row = first; row < end; row++) {
        double *hr = h + row * hidden;
        for (long k = 0; k < w->chunks; k++) {
            lanes hk = act_value(sig, pre_activation(w, k, x + row * d, d));
            for (long l = 0; l < 8 && 8 * k + l < hidden; l++) hr[8 * k + l] = hk[l];
        }
    }
}

AE_INLINE void ae_encode_rows_body(const ae_weights *w, long first, long end, const double *x, long hidden,
                                   double *h) {
    if (w->sigmoid) encode_rows(w, first, end, x, hidden, h, 1);
    else encode_rows(w, first, end, x, hidden, h, 0);
}

AE_DISPATCH_VOID(ae_encode_rows, (const ae_weights *w, long first, long end, const double *x, long hidden, double *h),
                 (w, first, end, x, hidden, h))

/// ∂r/∂x at x: diag(dec′)·V·diag(act′)·W, d × d row-major into j.
AE_INLINE void jacobian(const ae_weights *w, const double *x, int sigmoid_decoder, double *j, double *scratch,
                        int sig) {
    const long d = w->dim;
    lanes *racc = (lanes *)scratch, *jacc = racc + d;
    forward_row(w, x, d, sig, racc, 0, 0, jacc);
    for (long i = 0; i < d; i++) {
        double slope = 1;
        if (sigmoid_decoder) {
            const double r = decoder_output(decoder_input(w, i, racc[i]), 1);
            slope = r * (1 - r);
        }
        for (long k = 0; k < d; k++) j[i * d + k] = slope * lane_sum(jacc[i * d + k]);
    }
}

AE_INLINE void ae_jacobian_body(const ae_weights *w, const double *x, int sigmoid_decoder, double *j,
                                double *scratch) {
    if (w->sigmoid) jacobian(w, x, sigmoid_decoder, j, scratch, 1);
    else jacobian(w, x, sigmoid_decoder, j, scratch, 0);
}

AE_DISPATCH_VOID(ae_jacobian, (const ae_weights *w, const double *x, int sigmoid_decoder, double *j, double *scratch),
                 (w, x, sigmoid_decoder, j, scratch))
