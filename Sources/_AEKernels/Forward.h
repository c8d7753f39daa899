// The one forward pass of a one-hidden-layer auto-encoder, r(x) = dec(c + V·act(b + W·x)), and its
// Jacobian, on the padded layout of ae_weights (chunks of 8 hidden units, one `lanes` each). Every
// kernel that goes row by row builds on these: the DAE/CAE loss tile (LossTile.c, which orders its
// loops for a tile of rows but computes each number the same way), the RCAE (RCAERows.c), the
// queries r(x), h(x) and ∂r/∂x (Queries.c) and the line integrals (LineIntegrals.c). The wide
// kernels (WideLoss.c) compute the same function as blocked products.
//
// Each number is one chain of fmas in a fixed order (inputs in order, then hidden chunks in
// order), so the loss, the reconstruction and the Jacobian agree bit for bit wherever they meet.
#ifndef AE_FORWARD_H
#define AE_FORWARD_H

#include "Lanes.h"

/// start + M·x for chunk k of a matrix M stored as ae_weights stores W and V (input i's chunk k at
/// m[i·C + k]): one fma per input, in order. With M = W and start = b[k], the pre-activations.
AE_INLINE lanes affine_chunk(const lanes *m, lanes start, long C, long k, const double *x, long d) {
    lanes a = start;
    for (long i = 0; i < d; i++) a = fma8(m[i * C + k], splat(x[i]), a);
    return a;
}

// The functions below take d = w->dim as an argument, so that a caller can pass a constant and have
// the loops over the inputs unrolled (LossTile.c specialises d = 1, 2, 3, 10).

/// The pre-activations b + W·x of hidden chunk k.
AE_INLINE lanes pre_activation(const ae_weights *w, long k, const double *x, long d) {
    return affine_chunk((const lanes *)w->wt, ((const lanes *)w->b)[k], w->chunks, k, x, d);
}

/// The decoder's sums: acc[i] += V_i·h for chunk k's hidden values h, one fma per output.
AE_INLINE void decode_chunk(const ae_weights *w, long k, lanes h, lanes *acc, long d) {
    const lanes *v = (const lanes *)w->v + k;
    const long C = w->chunks;
    for (long i = 0; i < d; i++) acc[i] = fma8(v[i * C], h, acc[i]);
}

/// Output i's decoder input c_i + V_i·h from its lane accumulator (summed across lanes in a fixed order).
AE_INLINE double decoder_input(const ae_weights *w, long i, lanes acc) { return w->c[i] + lane_sum(acc); }

AE_INLINE double sigmoid1(double a) { return sigmoid8(splat(a))[0]; }

/// The decoder's output from its input: linear, or through a sigmoid with `sigmoid_decoder`. (A
/// branch, not a select: the sigmoid is not to be computed for a linear decoder.)
AE_INLINE double decoder_output(double pre, int sigmoid_decoder) {
    if (sigmoid_decoder) return sigmoid1(pre);
    return pre;
}

/// One output's error for the DAE/CAE loss: r = decoder_output(`pre`) against `target`; sets
/// *delta = scale·(r − target)·(the decoder's slope) and returns (r − target)².
AE_INLINE double output_error(double pre, double target, double scale, int sigmoid_decoder, double *delta) {
    double r = pre, slope = 1;
    if (sigmoid_decoder) {
        r = sigmoid1(pre);
        slope = r * (1 - r);
    }
    const double e = r - target;
    *delta = scale * e * slope;
    return e * e;
}

/// The Jacobian's sums: acc[i·d + j] += (V_i ∘ g)·W_j for chunk k, g the hidden slopes act′, so that
/// after every chunk ∂(V·h)/∂x_j of output i is lane_sum(acc[i·d + j]).
AE_INLINE void jacobian_chunk(const ae_weights *w, long k, lanes g, lanes *acc, long d) {
    const long C = w->chunks;
    const lanes *wt = (const lanes *)w->wt, *v = (const lanes *)w->v;
    for (long i = 0; i < d; i++) {
        lanes vg = v[i * C + k] * g;
        for (long j = 0; j < d; j++) acc[i * d + j] = fma8(vg, wt[j * C + k], acc[i * d + j]);
    }
}

/// One row's forward pass: the decoder sums into racc (d lanes), and when the pointers are given the
/// hidden values and slopes per chunk (h, g: C lanes) and the Jacobian's sums (jacc: d·d lanes).
/// `sig` (the hidden activation) is a constant where this is inlined.
AE_INLINE void forward_row(const ae_weights *w, const double *x, long d, int sig, lanes *racc, lanes *h, lanes *g,
                           lanes *jacc) {
    for (long i = 0; i < d; i++) racc[i] = 0;
    if (jacc)
        for (long m = 0; m < d * d; m++) jacc[m] = 0;
    for (long k = 0; k < w->chunks; k++) {
        lanes hk = act_value(sig, pre_activation(w, k, x, d));
        decode_chunk(w, k, hk, racc, d);
        if (h) h[k] = hk;
        if (g || jacc) {
            lanes gk = act_slope(sig, hk);
            if (g) g[k] = gk;
            if (jacc) jacobian_chunk(w, k, gk, jacc, d);
        }
    }
}

#endif
