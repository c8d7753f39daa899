// The row-by-row queries of AutoEncoder+Queries.swift, on the one forward pass (Forward.h): r(x),
// the hidden values h(x), and ∂r/∂x. Per row and chunk of 8 units: 2d fmas and one activation
// (and d² fmas for the Jacobian).
#include "Dispatch.h"
#include "Forward.h"
#include "Product.h"

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

/// The decoder's slope at output i (1 for a linear decoder), from its lane accumulator.
AE_INLINE double decoder_slope(const ae_weights *w, long i, lanes acc, int sigmoid_decoder) {
    if (!sigmoid_decoder) return 1;
    const double r = decoder_output(decoder_input(w, i, acc), 1);
    return r * (1 - r);
}

/// ∂r/∂x at x: diag(dec′)·V·diag(act′)·W, d × d row-major into j, row by row (Forward.h).
AE_INLINE void jacobian(const ae_weights *w, const double *x, int sigmoid_decoder, double *j, double *scratch,
                        int sig) {
    const long d = w->dim;
    lanes *racc = (lanes *)scratch, *jacc = racc + d;
    forward_row(w, x, d, sig, racc, 0, 0, jacc);
    for (long i = 0; i < d; i++) {
        const double slope = decoder_slope(w, i, racc[i], sigmoid_decoder);
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

/// The same for wide data, as one blocked product (Product.h), J = (V·diag(g))·W: A = V with each
/// column scaled by its unit's slope (d × 8C), B = W by chunks of 8 inputs (ae_pack_by_inputs). 2·d²·H
/// flops instead of the row kernel's d² lane accumulators, which at d = 784 would fill 39 MB.
AE_INLINE void wide_jacobian(const ae_weights *w, const double *panel, const double *x, int sigmoid_decoder, double *j,
                             double *scratch, int sig) {
    const long d = w->dim, C = w->chunks, hc = 8 * C, dp = (d + 7) / 8 * 8;
    lanes *racc = (lanes *)scratch, *g = racc + d;
    double *a = (double *)(g + C), *product = a + d * hc;
    forward_row(w, x, d, sig, racc, 0, g, 0);
    const lanes *v = (const lanes *)w->v;
    for (long i = 0; i < d; i++)
        for (long k = 0; k < C; k++) ((lanes *)(a + i * hc))[k] = v[i * C + k] * g[k];
    const ae_epilogue none = {AE_EPI_NONE, 0, 0, 0, 0};
    product_body(d, dp / 8, hc, a, AE_MR * hc, hc, 1, panel, 8, 8 * hc, product, dp, 8, 0, &none);
    for (long i = 0; i < d; i++) {
        const double slope = decoder_slope(w, i, racc[i], sigmoid_decoder);
        for (long k = 0; k < d; k++) j[i * d + k] = slope * product[i * dp + k];
    }
}

AE_INLINE void ae_wide_jacobian_body(const ae_weights *w, const double *panel, const double *x, int sigmoid_decoder,
                                     double *j, double *scratch) {
    if (w->sigmoid) wide_jacobian(w, panel, x, sigmoid_decoder, j, scratch, 1);
    else wide_jacobian(w, panel, x, sigmoid_decoder, j, scratch, 0);
}

AE_DISPATCH_VOID(ae_wide_jacobian,
                 (const ae_weights *w, const double *panel, const double *x, int sigmoid_decoder, double *j,
                  double *scratch),
                 (w, panel, x, sigmoid_decoder, j, scratch))
