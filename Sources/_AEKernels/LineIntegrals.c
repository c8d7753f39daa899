// The line integrals of a one-layer auto-encoder with a linear decoder (LineIntegrableField.swift
// says why they are cheap: the pre-activations are affine along a segment). Per segment: 3·H·d
// multiply-adds (W·a + b, W·Δ, VᵀΔ), then per path point and chunk one activation and one multiply-add.
#include "Dispatch.h"
#include "Forward.h"
#include "Product.h"

/// Σ_m w_m·tanh(p + m·h·s) for evenly spaced points with two exponentials per chunk instead of one per
/// point: e^{2(p + m·h·s)} = e^{2p}·(e^{2h·s})^m, a running product, and tanh = (e − 1)/(e + 1).
/// Returns 0 (use the plain rule) unless every lane's pre-activation stays within ±20 at both ends of
/// the segment, where the product can neither overflow nor underflow (the pre-activation is monotone
/// in m). Each product adds at most an ulp of relative error, about 1e-15 after 10 points; the line
/// integrals agree with the plain rule to 1e-13.
AE_INLINE int even_tanh_sum(lanes first, lanes slope, double spacing, const double *weights, long q, lanes *sum) {
    lanes step = slope * (spacing + spacing);
    lanes last = fma8(splat((double)(q - 1) * spacing), slope, first);
    if (!all_lanes((first <= 20) & (first >= -20) & (last <= 20) & (last >= -20))) return 0;
    lanes e = exp8(first + first);
    lanes ratio = exp8(step);
    lanes s = 0;
    for (long m = 0; m < q; m++) {
        s = fma8(splat(weights[m]), (e - 1) / (e + 1), s);
        e *= ratio;
    }
    *sum = s;
    return 1;
}

/// One chunk's part of a segment's integral, from its pre-activations at the start and their slope
/// along the segment, and u = the chunk's part of VᵀΔ: dot += (Σ_m w_m·act(start + t_m·slope))·u.
/// Per chunk of 8 units the path points are summed before the product with u,
///   Σ_m w_m·act(pre(t_m))·(VᵀΔ) = (Σ_m w_m·act(pre(t_m)))·(VᵀΔ),
/// so the q activations of a chunk are independent (they overlap in the pipeline) and one
/// accumulator carries the dot product.
AE_INLINE lanes segment_chunk(lanes start, lanes slope, lanes u, const double *nodes, const double *weights, long q,
                              int even, double spacing, int sig, lanes dot) {
    lanes sum = 0;
    if (!(even && !sig && even_tanh_sum(fma8(splat(nodes[0]), slope, start), slope, spacing, weights, q, &sum))) {
        for (long m = 0; m < q; m++)
            sum = fma8(splat(weights[m]), act_value(sig, fma8(splat(nodes[m]), slope, start)), sum);
    }
    return fma8(sum, u, dot);
}

/// The rest of a segment's integral, Σ_m w_m·(c·Δ − a·Δ − t_m·|Δ|²), plus the hidden part `dot`, scaled.
AE_INLINE double segment_total(const ae_weights *w, const double *ar, const double *delta, const double *nodes,
                               const double *weights, long q, double scale, lanes dot) {
    double c_delta = 0, a_delta = 0, delta_sq = 0;
    for (long i = 0; i < w->dim; i++) {
        c_delta += w->c[i] * delta[i];
        a_delta += ar[i] * delta[i];
        delta_sq += delta[i] * delta[i];
    }
    double linear = 0;
    for (long m = 0; m < q; m++) linear += weights[m] * (c_delta - a_delta - nodes[m] * delta_sq);
    return (linear + lane_sum_sequential(dot)) * scale;
}

/// Row by row, the three products with the weights per chunk (Forward.h).
AE_INLINE void line_integrals(const ae_weights *w, long first, long end, const double *a, const double *b,
                              const double *nodes, const double *weights, long q, int even, double spacing,
                              double scale, double *out, double *delta, int sig) {
    const long d = w->dim, C = w->chunks;
    const lanes *wt = (const lanes *)w->wt, *v = (const lanes *)w->v;
    for (long row = first; row < end; row++) {
        const double *ar = a + row * d, *br = b + row * d;
        for (long i = 0; i < d; i++) delta[i] = br[i] - ar[i];
        lanes dot = 0;
        for (long k = 0; k < C; k++) {
            // Along the segment the pre-activations are start + t·slope; u = VᵀΔ for this chunk.
            lanes start = pre_activation(w, k, ar, d), slope = affine_chunk(wt, splat(0), C, k, delta, d);
            lanes u = affine_chunk(v, splat(0), C, k, delta, d);
            dot = segment_chunk(start, slope, u, nodes, weights, q, even, spacing, sig, dot);
        }
        out[row] = segment_total(w, ar, delta, nodes, weights, q, scale, dot);
    }
}

AE_INLINE void ae_line_integrals_body(const ae_weights *w, long first, long end, const double *a, const double *b,
                                      const double *nodes, const double *weights, long q, int even, double spacing,
                                      double scale, double *out, double *scratch) {
    if (w->sigmoid) line_integrals(w, first, end, a, b, nodes, weights, q, even, spacing, scale, out, scratch, 1);
    else line_integrals(w, first, end, a, b, nodes, weights, q, even, spacing, scale, out, scratch, 0);
}

AE_DISPATCH_VOID(ae_line_integrals,
                 (const ae_weights *w, long first, long end, const double *a, const double *b, const double *nodes,
                  const double *weights, long q, int even, double spacing, double scale, double *out,
                  double *scratch),
                 (w, first, end, a, b, nodes, weights, q, even, spacing, scale, out, scratch))

/// For wide data: the three products for all `rows` segments at once as blocked products (Product.h)
/// that read the weights from ae_wide_pack's panels (wpack: W, vtpack: V), A·Wᵀ, Δ·Wᵀ and Δ·V into
/// `products` (3 × rows × 8C doubles), then per row and chunk as above. `deltas` holds rows × d doubles.
AE_INLINE void wide_line_integrals(const ae_weights *w, const ae_wide_panels *p, long rows, const double *a,
                                  const double *b, const double *nodes, const double *weights, long q, int even,
                                  double spacing, double scale, double *out, double *deltas, double *products,
                                  int sig) {
    const long d = w->dim, C = w->chunks, hc = 8 * C;
    const ae_epilogue none = {AE_EPI_NONE, 0, 0, 0, 0};
    for (long m = 0; m < rows * d; m++) deltas[m] = b[m] - a[m];
    double *start = products, *slope = products + rows * hc, *u = products + 2 * rows * hc;
    product_body(rows, C, d, a, AE_MR * d, d, 1, p->wpack, 8, 8 * d, start, hc, 8, 0, &none);
    product_body(rows, C, d, deltas, AE_MR * d, d, 1, p->wpack, 8, 8 * d, slope, hc, 8, 0, &none);
    product_body(rows, C, d, deltas, AE_MR * d, d, 1, p->vtpack, 8, 8 * d, u, hc, 8, 0, &none);
    const lanes *bias = (const lanes *)w->b;
    for (long row = 0; row < rows; row++) {
        const lanes *sr = (const lanes *)(start + row * hc), *lr = (const lanes *)(slope + row * hc),
                    *ur = (const lanes *)(u + row * hc);
        lanes dot = 0;
        for (long k = 0; k < C; k++)
            dot = segment_chunk(sr[k] + bias[k], lr[k], ur[k], nodes, weights, q, even, spacing, sig, dot);
        out[row] = segment_total(w, a + row * d, deltas + row * d, nodes, weights, q, scale, dot);
    }
}

AE_INLINE void ae_wide_line_integrals_body(const ae_weights *w, const ae_wide_panels *p, long rows, const double *a,
                                           const double *b, const double *nodes, const double *weights, long q,
                                           int even, double spacing, double scale, double *out, double *deltas,
                                           double *products) {
    if (w->sigmoid)
        wide_line_integrals(w, p, rows, a, b, nodes, weights, q, even, spacing, scale, out, deltas, products, 1);
    else wide_line_integrals(w, p, rows, a, b, nodes, weights, q, even, spacing, scale, out, deltas, products, 0);
}

AE_DISPATCH_VOID(ae_wide_line_integrals,
                 (const ae_weights *w, const ae_wide_panels *p, long rows, const double *a, const double *b,
                  const double *nodes, const double *weights, long q, int even, double spacing, double scale,
                  double *out, double *deltas, double *products),
                 (w, p, rows, a, b, nodes, weights, q, even, spacing, scale, out, deltas, products))
