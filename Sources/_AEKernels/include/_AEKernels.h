// The numerical kernels of AENumerics, in C so that each is compiled twice: once for the portable
// baseline of the target (x86-64 with SSE2, or any other architecture) and, on x86-64, once for
// AVX2 + FMA, chosen at run time by what the processor supports (as NumPy, OpenBLAS and BLIS do).
// Swift has no per-function target attribute, and a package that others depend on may not pass
// compiler flags, so this is where the instruction set is chosen.
//
// Both versions compute the same bits: they perform the same IEEE operations in the same order, and
// every multiply-add that is fused is an explicit fma (a vfmadd instruction with FMA, the C library's
// exact fma without it); nothing else is contracted. Only the speed differs.
//
// Internal to ae (the leading underscore): AENumerics' Swift types wrap these functions, and AELang's
// sort calls ae_sort_doubles.
#ifndef AE_KERNELS_H
#define AE_KERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// The instruction sets the kernels are compiled for.
enum {
    AE_ISA_PORTABLE = 0,  ///< the target's baseline (SSE2 on x86-64, NEON on arm64)
    AE_ISA_AVX2 = 1,      ///< x86-64 with AVX2 and FMA (Haswell, 2013, and later; every AMD Zen)
};

/// The best instruction set this processor and operating system support.
int ae_isa_best(void);
/// The instruction set the kernels use now (the best, unless set lower).
int ae_isa_current(void);
/// Selects the instruction set (values above the best are lowered to it); returns the one selected.
int ae_isa_select(int isa);

/// An auto-encoder's parameters in the kernels' layout: hidden units padded to C = chunks multiples
/// of 8, each chunk of 8 units one vector of 8 doubles. For input i and chunk k the 8 doubles at
/// wt + 8(i·C + k) are W[8k ..< 8k+8, i]; b + 8k holds the chunk's biases; v + 8(i·C + k) holds
/// V[i, 8k ..< 8k+8]; wsq + 8k holds Σ_i W[unit, i]² (for the CAE penalty); c holds d doubles.
/// Padding units have zero weights and bias and change no result.
typedef struct {
    const double *wt, *b, *v, *wsq, *c;
    long dim, chunks;
    int sigmoid;  ///< hidden activation: 0 tanh, 1 the logistic sigmoid
} ae_weights;

/// Copies θ (W row-major H × d, b, V d × H unless `tied`, c) into the padded layout, whose padding
/// the caller has zeroed, and sets wsq.
void ae_weights_load(const double *theta, long hidden, int tied, double *wt, double *b, double *v, double *wsq,
                     double *c, long dim, long chunks);

/// exp, tanh and the logistic sigmoid of 8 values (see VectorMath.swift for the method and its accuracy).
void ae_exp8(const double *x, double *out);
void ae_tanh8(const double *x, double *out);
void ae_sigmoid8(const double *x, double *out);

/// One block's scratch space and partial results for ae_loss_tile (all in units of doubles; C chunks,
/// R rows per tile, d inputs): hidden C·R·8, outputs R·d·8, delta R·d, delta_hidden R·8,
/// gwt and gv d·C·8 each, gb and gsq C·8 each, gc d.
typedef struct {
    double *hidden, *outputs, *delta, *delta_hidden;
    double *gwt, *gv, *gb, *gsq, *gc;
} ae_block;

/// The DAE/CAE loss of one tile of `rows` rows (inputs x, targets t, row-major with d columns):
/// returns Σ_rows ||r − t||², and with `backward` adds the tile's gradient (scaled by `scale`) to the
/// block's partials. `sigmoid_decoder` puts a sigmoid on the outputs; `cae_lambda` > 0 adds the
/// contractive penalty's terms.
double ae_loss_tile(const ae_weights *w, const ae_block *block, long rows, const double *x, const double *t,
                    double scale, int backward, int sigmoid_decoder, double cae_lambda);

/// Writes a block's summed partial gradient (`total`, padded) into θ's layout: ∂W = gwt, plus gv when
/// tied (W and Vᵀ are one parameter), plus cae·gsq_j·W_ji when `cae` ≠ 0 (the CAE penalty's term,
/// cae = 2λ/N); then ∂b, ∂V (untied) and ∂c.
void ae_gradient_unpack(const ae_weights *w, const ae_block *total, long hidden, int tied, double cae, double *g);

/// The RCAE's per-row scratch (in doubles): h and g C·8 each, racc d·8, macc d·d·8, dr d, dm d·d.
typedef struct {
    double *h, *g, *racc, *macc, *dr, *dm;
} ae_rcae_scratch;

/// Rows [first, end) of the RCAE loss (penalty σ² = `penalty`): adds each row's gradient to the
/// block's gwt, gv, gb and gc, and returns `loss` plus each row's loss in turn.
double ae_rcae_rows(const ae_weights *w, const ae_block *block, const ae_rcae_scratch *scratch, long first,
                    long end, const double *x, double scale, double penalty, double loss);

/// r(x) for rows [first, end) of x into r (linear or sigmoid outputs); `acc` holds d·8 doubles of scratch.
void ae_reconstruct_rows(const ae_weights *w, long first, long end, const double *x, double *r,
                         int sigmoid_decoder, double *acc);

/// The hidden values act(b + W·x) of rows [first, end) of x into h (`hidden` columns, the padding dropped).
void ae_encode_rows(const ae_weights *w, long first, long end, const double *x, long hidden, double *h);

/// ∂r/∂x at the point x, d × d row-major into j (row i: ∂r_i/∂x_k); `scratch` holds 8·(d + d²) doubles.
void ae_jacobian(const ae_weights *w, const double *x, int sigmoid_decoder, double *j, double *scratch);

/// A d × 8C matrix in the padded layout (ae_weights' wt or v) by chunks of 8 inputs: inputs
/// 8c ..< 8c+8 of hidden unit u at 8(c·8C + u), d padded with zeros to dpad (d rounded up to a
/// multiple of 8); `panel` holds 8C·dpad doubles. Vᵀ for the wide decoder, W for the wide Jacobian.
void ae_pack_by_inputs(const double *m, long dim, long chunks, double *panel);

/// The same as one blocked product, for wide data, with W packed by ae_pack_by_inputs; `scratch` holds
/// 8d + 8C + d·(8C + dpad) doubles.
void ae_wide_jacobian(const ae_weights *w, const double *panel, const double *x, int sigmoid_decoder, double *j,
                      double *scratch);

/// The line integrals of a linear-decoder auto-encoder for the segments a_row → b_row, rows
/// [first, end): out[row] = scale · Σ_m weights[m] · (c·Δ + act(b + W·x(t_m))·(VᵀΔ) − x(t_m)·Δ) with
/// x(t) = a + t·Δ, Δ = b_row − a_row, t_m = nodes[m]. `even` says the q nodes are evenly spaced,
/// `spacing` apart. `scratch` holds d doubles.
void ae_line_integrals(const ae_weights *w, long first, long end, const double *a, const double *b,
                       const double *nodes, const double *weights, long q, int even, double spacing,
                       double scale, double *out, double *scratch);

/// C = A·B, or C += A·B with `accumulate` (the wide kernels' blocked product, _AEKernels/Product.h):
/// C is m × 8·chunks, its 8 columns of chunk j in row r at c + r·rsc + j·csc; A(r, k) is
/// a[r·rsa + k·csa]; B's 8 columns of chunk j in row k are at b + k·bsk + j·bsj. Each element is a
/// chain of fmas over k in increasing order, from 0 or from C: the same bits for any blocking and
/// instruction set.
void ae_product(long m, long chunks, long k, const double *a, long rsa, long csa, const double *b, long bsk,
                long bsj, double *c, long rsc, long csc, int accumulate);

/// The weights packed for the wide kernels (WideLoss.c): wpack and vtpack hold W and V by chunks,
/// chunk j's 8 units for input i at 8(j·d + i); vpack holds Vᵀ by chunks of 8 inputs (d padded to
/// dpad with zeros), inputs 8c..8c+8 of hidden unit u at 8(c·8C + u). A block of rows has at most
/// block_rows rows; its hidden values (hb) and their gradient (dab) are stored by chunks, row r of
/// chunk j at 8(j·block_rows + r).
typedef struct {
    const double *wpack, *vtpack, *vpack;
    long dpad, block_rows;
} ae_wide_panels;

/// Fills the wide kernels' panels from the padded weights.
void ae_wide_pack(const ae_weights *w, double *wpack, double *vtpack, double *vpack);

/// The forward pass of `rows` rows of the wide kernels: hidden values into hb (by chunks; the caller
/// offsets hb and dab by 8 × the unit's first row), decoder
/// outputs (rows × dpad), δ = scale·∂loss/∂(decoder input) (rows × dpad, padding untouched), each
/// row's squared error into row_loss and, with `backward`, δA = ∂/∂(hidden pre-activation) into dab
/// and the rows' part of the block's panels of Xᵀ and δᵀ (xpack, dpack: 6 inputs × block_rows rows
/// a panel, 6 doubles a row; the caller offsets them by 6 × the unit's first row). `apack` is the
/// unit's scratch for its own panels of X, H and δ: rows × max(d, 8C) doubles.
/// `cae`: NULL, or per hidden unit 2λ/N·||W_j||² (the contractive penalty's term).
void ae_wide_forward(const ae_weights *w, const ae_wide_panels *p, long rows, const double *x, const double *t,
                     double *hb, double *dab, double *outputs, double *delta, double *row_loss, double *xpack,
                     double *dpack, double *apack, double scale, int backward, int sigmoid_decoder,
                     const double *cae);

/// r(x) for `rows` rows (at most block_rows) with the wide kernels' products; scratch: hb
/// rows × 8C, outputs rows × dpad, apack rows × max(d, 8C) doubles.
void ae_wide_reconstruct(const ae_weights *w, const ae_wide_panels *p, long rows, const double *x, double *r,
                         int sigmoid_decoder, double *hb, double *outputs, double *apack);

/// Adds a block of `rows` rows to the gradient (g's gv, gwt, gb and, if `contractive`, gsq) for hidden
/// chunks [first, end): sums over the rows in order, so every chunk's result is the same whatever
/// chunks the call is given.
void ae_wide_backward(const ae_weights *w, const ae_wide_panels *p, long first, long end, long rows,
                      const double *xpack, const double *dpack, const double *hb, const double *dab, const ae_block *g, int contractive);

/// ae_line_integrals for wide data: the products with the weights for all `rows` segments as blocked
/// products on ae_wide_pack's panels (only wpack and vtpack are read); `deltas` holds rows × d
/// doubles and `products` 3 × rows × 8C.
void ae_wide_line_integrals(const ae_weights *w, const ae_wide_panels *p, long rows, const double *a, const double *b,
                            const double *nodes, const double *weights, long q, int even, double spacing,
                            double scale, double *out, double *deltas, double *products);

/// sort()'s numbers (AELang's Sorting.swift): SortDoubles.c says how and in what order.
int ae_sort_doubles(const double *xs, long n, int reverse, double *out);
/// t = u·√(t/s), the last step of the polar method's normal variates (PolarNormals.c).
void ae_polar_scale(long n, const double *u, const double *s, double *t);
#ifdef __cplusplus
}
#endif
#endif
