// The DAE/CAE loss and gradient for wide data, as blocked matrix products (Product.h) with the
// elementwise work fused into their epilogues. WideLossKernel.swift owns the blocks of rows, the
// threads and the order of the sums; per block of rows:
//   forward, per unit of rows (row-local, any partition gives the same bits):
//     H  = act(X·Wᵀ + b)        product over d, the activation in the epilogue
//     R  = H·Vᵀ (+ c)           product over the hidden units
//     δ  = scale·(r − t)·dec′   per row, with the row's loss
//     δA = (δ·V)·act′(H)        product over d, the slope in the epilogue
//   backward, per unit of hidden chunks (chunk-local):
//     ∂V += δᵀ·H,  ∂Wᵀ += Xᵀ·δA   products over the block's rows, read in place (transposed strides)
//     ∂b += Σ_rows δA, gsq += Σ_rows act′²
// Flops per row and hidden unit: 2d each for X·Wᵀ, H·Vᵀ, δ·V, δᵀ·H and Xᵀ·δA, so 10·N·d·H in all.
#include "Dispatch.h"
#include "Forward.h"
#include "Product.h"

void ae_wide_pack(const ae_weights *w, double *wpack, double *vtpack, double *vpack) {
    const long d = w->dim, C = w->chunks;
    for (long j = 0; j < C; j++)
        for (long i = 0; i < d; i++)
            for (int l = 0; l < 8; l++) {
                wpack[(j * d + i) * 8 + l] = w->wt[(i * C + j) * 8 + l];
                vtpack[(j * d + i) * 8 + l] = w->v[(i * C + j) * 8 + l];
            }
    ae_pack_by_inputs(w->v, d, C, vpack);
}

/// Rows [0, rows) × columns [0, K) of a (rows lda apart) as the microkernel's A panels:
/// [group of 6 rows][k][6], so that its 6 broadcasts per k read one contiguous 48 bytes rather than
/// 6 rows that compete for L1 sets. A copy per 2·8C (or 2d) flops of the product that reads it.
AE_INLINE void pack_rows(const double *a, long lda, long rows, long K, double *out) {
    for (long g = 0; g * AE_MR < rows; g++) {
        const long n = rows - g * AE_MR < AE_MR ? rows - g * AE_MR : AE_MR;
        const double *ag = a + g * AE_MR * lda;
        double *og = out + g * AE_MR * K;
        for (long k = 0; k < K; k++)
            for (long l = 0; l < n; l++) og[k * AE_MR + l] = ag[l * lda + k];
    }
}

/// The same panels from the hidden block, which is stored by chunks ([chunk][row][8], chunks
/// `stride` doubles apart): all 8C columns of `rows` rows.
AE_INLINE void pack_chunked(const double *h, long stride, long rows, long C, double *out) {
    for (long g = 0; g * AE_MR < rows; g++) {
        const long n = rows - g * AE_MR < AE_MR ? rows - g * AE_MR : AE_MR;
        double *og = out + g * AE_MR * 8 * C;
        for (long j = 0; j < C; j++) {
            const double *hj = h + j * stride + g * AE_MR * 8;
            for (int l = 0; l < 8; l++)
                for (long r = 0; r < n; r++) og[(8 * j + l) * AE_MR + r] = hj[r * 8 + l];
        }
    }
}

/// H = act(X·Wᵀ + b) into hb (by chunks) and V·h into outputs (rows × dpad): the encoder and
/// decoder products that the loss and the reconstruction share.
AE_INLINE void hidden_and_outputs(const ae_weights *w, const ae_wide_panels *p, long rows, const double *x,
                                  double *hb, double *outputs, double *apack) {
    const long d = w->dim, C = w->chunks, cs = 8 * p->block_rows, dp = p->dpad;
    const ae_epilogue act = {AE_EPI_ACT, w->sigmoid, w->b, 0, 0};
    pack_rows(x, d, rows, d, apack);
    product_body(rows, C, d, apack, AE_MR * d, 1, AE_MR, p->wpack, 8, 8 * d, hb, 8, cs, 0, &act);
    const ae_epilogue none = {AE_EPI_NONE, 0, 0, 0, 0};
    pack_chunked(hb, cs, rows, C, apack);
    product_body(rows, dp / 8, 8 * C, apack, AE_MR * 8 * C, 1, AE_MR, p->vpack, 8, 64 * C, outputs, dp, 8, 0, &none);
}

AE_INLINE void ae_wide_reconstruct_body(const ae_weights *w, const ae_wide_panels *p, long rows, const double *x,
                                        double *r, int sigmoid_decoder, double *hb, double *outputs, double *apack) {
    hidden_and_outputs(w, p, rows, x, hb, outputs, apack);
    const long d = w->dim, dp = p->dpad;
    for (long row = 0; row < rows; row++)
        for (long i = 0; i < d; i++) {
            r[row * d + i] = decoder_output(w->c[i] + outputs[row * dp + i], sigmoid_decoder);
        }
}

AE_DISPATCH_VOID(ae_wide_reconstruct,
                 (const ae_weights *w, const ae_wide_panels *p, long rows, const double *x, double *r,
                  int sigmoid_decoder, double *hb, double *outputs, double *apack),
                 (w, p, rows, x, r, sigmoid_decoder, hb, outputs, apack))

AE_INLINE void ae_wide_forward_body(const ae_weights *w, const ae_wide_panels *p, long rows, const double *x,
                                    const double *t, double *hb, double *dab, double *outputs, double *delta,
                                    double *row_loss, double *xpack, double *dpack, double *apack, double scale,
                                    int backward, int sigmoid_decoder, const double *cae) {
    const long d = w->dim, C = w->chunks, cs = 8 * p->block_rows, dp = p->dpad;
    hidden_and_outputs(w, p, rows, x, hb, outputs, apack);
    for (long row = 0; row < rows; row++) {
        double row_sum = 0;
        for (long i = 0; i < d; i++)
            row_sum += output_error(w->c[i] + outputs[row * dp + i], t[row * d + i], scale, sigmoid_decoder,
                                    &delta[row * dp + i]);
        row_loss[row] = row_sum;
    }
    if (!backward) return;
    // Xᵀ and δᵀ as the backward products read them: [group of 6 inputs][row of the block][6].
    for (long row = 0; row < rows; row++)
        for (long i = 0; i < d; i++) {
            const long at = (i / AE_MR) * AE_MR * p->block_rows + row * AE_MR + i % AE_MR;
            xpack[at] = x[row * d + i];
            dpack[at] = delta[row * dp + i];
        }
    const ae_epilogue slope = {AE_EPI_SLOPE, w->sigmoid, 0, hb, cae};
    pack_rows(delta, dp, rows, d, apack);
    product_body(rows, C, d, apack, AE_MR * d, 1, AE_MR, p->vtpack, 8, 8 * d, dab, 8, cs, 0, &slope);
}

AE_DISPATCH_VOID(ae_wide_forward,
                 (const ae_weights *w, const ae_wide_panels *p, long rows, const double *x, const double *t,
                  double *hb, double *dab, double *outputs, double *delta, double *row_loss, double *xpack,
                  double *dpack, double *apack, double scale, int backward, int sigmoid_decoder, const double *cae),
                 (w, p, rows, x, t, hb, dab, outputs, delta, row_loss, xpack, dpack, apack, scale, backward, sigmoid_decoder,
                  cae))

AE_INLINE void ae_wide_backward_body(const ae_weights *w, const ae_wide_panels *p, long first, long end,
                                     long rows, const double *xpack, const double *dpack, const double *hb,
                                     const double *dab, const ae_block *g, int contractive) {
    const long d = w->dim, C = w->chunks, cs = 8 * p->block_rows, n = end - first;
    const ae_epilogue none = {AE_EPI_NONE, 0, 0, 0, 0};
    const long psa = AE_MR * p->block_rows;
    // B is the hidden block by chunks: each chunk's rows contiguous, 64 bytes a row.
    product_body(d, n, rows, dpack, psa, 1, AE_MR, hb + first * cs, 8, cs, g->gv + 8 * first, 8 * C, 8, 1, &none);
    product_body(d, n, rows, xpack, psa, 1, AE_MR, dab + first * cs, 8, cs, g->gwt + 8 * first, 8 * C, 8, 1, &none);
    lanes *gb = (lanes *)g->gb, *gsq = (lanes *)g->gsq;
    for (long j = first; j < end; j++) {
        const lanes *da = (const lanes *)(dab + j * cs), *h = (const lanes *)(hb + j * cs);
        lanes sb = gb[j], sq = gsq[j];
        for (long row = 0; row < rows; row++) sb += da[row];
        if (contractive)
            for (long row = 0; row < rows; row++) {
                lanes s = act_slope(w->sigmoid, h[row]);
                sq += s * s;
            }
        gb[j] = sb;
        gsq[j] = sq;
    }
}

AE_DISPATCH_VOID(ae_wide_backward,
                 (const ae_weights *w, const ae_wide_panels *p, long first, long end, long rows, const double *xpack,
                  const double *dpack, const double *hb, const double *dab, const ae_block *g, int contractive),
                 (w, p, first, end, rows, xpack, dpack, hb, dab, g, contractive))
