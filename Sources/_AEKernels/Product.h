// The blocked matrix product of the wide kernels (WideLoss.c, Product.c), in the BLIS manner: one
// register-blocked microkernel, plain loops around it that choose the blocking for the caches.
//
// The product is C = A·B (or C += A·B) with C an m × (8·chunks) matrix whose 8-column chunks are
// the kernels' `lanes` (8 hidden units), A given by strides (element (r, k) at a[r·rsa + k·csa]) and
// B by chunks (its chunk j at row k is the 8 doubles at b + k·bsk + j·bsj). Strides let one kernel
// read X, δ and the hidden block in place; the weights are packed once per evaluation into
// contiguous [chunk][k][8] panels, and Xᵀ and δᵀ, whose rows in place would fall on few L1 sets,
// into [group of 6][k][6] panels (A(r, k) at a[(r/6)·psa + (r%6)·rsa + k·csa] in general).
//
// Every element of C is a chain of fmas over k = 0, 1, …, K−1 in that order, from 0 (or from C when
// accumulating): the blocking changes which element is computed when, never how. So the bits do not
// depend on the blocking, the thread count or the instruction set (fma8 is exact everywhere).
#ifndef AE_PRODUCT_H
#define AE_PRODUCT_H

#include "Lanes.h"

/// Rows of the microkernel: 6 rows × 1 chunk of 8 columns is 6 lanes = 12 AVX registers of
/// accumulators, plus 2 for the row of B and 1 for the broadcast of A (BLIS's Haswell dgemm, 6 × 8).
#define AE_MR 6
/// K per pass: the B micro-panel (AE_KC × 8 doubles, 16 KB) stays in L1 while the microkernel runs
/// down the rows of A.
#define AE_KC 256
/// Rows of A per pass: the A block (AE_MC × AE_KC doubles, 192 KB) stays in L2 while the loops run
/// over the chunks of B.
#define AE_MC 96

/// What is done to a tile of C after its last multiply-add, while it is still in registers.
enum {
    AE_EPI_NONE = 0,   ///< store (or add to C)
    AE_EPI_ACT = 1,    ///< c = act(acc + bias[j]): the hidden layer
    AE_EPI_SLOPE = 2,  ///< c = acc·act′(h) (+ the CAE term): the backward pass through the hidden layer
};

/// The epilogue's inputs: `bias` (chunk j at bias + 8j) for AE_EPI_ACT; for AE_EPI_SLOPE the hidden
/// values h, at the same (r, j) offsets as C (so with C's strides), and `cae` (chunk j at cae + 8j,
/// 2λ/N·||W_j||²) or NULL.
typedef struct {
    int kind, sigmoid;
    const double *bias, *h, *cae;
} ae_epilogue;

/// The microkernel, for MR ≤ 6 rows (a constant where it is inlined) and one chunk: acc = C or 0,
/// then per k in [k0, k1) 6 broadcasts of A and 6 lane fmas (12 FMA instructions on 2 loads of B:
/// 96 flops per 64 bytes of B from L1 and 6 doubles of A from L2), then the epilogue on the last pass.
AE_INLINE void product_micro(int MR, long k0, long k1, const double *a, long rsa, long csa, const double *b,
                             long bsk, double *c, long rsc, int load, int last, const ae_epilogue *epi,
                             long j, long coff) {
    lanes c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0;
    if (load) {
        c0 = *(const lanes *)c;
        if (MR > 1) c1 = *(const lanes *)(c + rsc);
        if (MR > 2) c2 = *(const lanes *)(c + 2 * rsc);
        if (MR > 3) c3 = *(const lanes *)(c + 3 * rsc);
        if (MR > 4) c4 = *(const lanes *)(c + 4 * rsc);
        if (MR > 5) c5 = *(const lanes *)(c + 5 * rsc);
    }
    const double *ak = a + k0 * csa;
    const double *bk = b + k0 * bsk;
#pragma clang loop unroll_count(4)
    for (long k = k0; k < k1; k++) {
        lanes bv = *(const lanes *)bk;
        c0 = fma8(splat(ak[0]), bv, c0);
        if (MR > 1) c1 = fma8(splat(ak[rsa]), bv, c1);
        if (MR > 2) c2 = fma8(splat(ak[2 * rsa]), bv, c2);
        if (MR > 3) c3 = fma8(splat(ak[3 * rsa]), bv, c3);
        if (MR > 4) c4 = fma8(splat(ak[4 * rsa]), bv, c4);
        if (MR > 5) c5 = fma8(splat(ak[5 * rsa]), bv, c5);
        ak += csa;
        bk += bsk;
    }
    lanes acc[AE_MR] = {c0, c1, c2, c3, c4, c5};
    if (last && epi->kind == AE_EPI_ACT) {
        lanes bias = *(const lanes *)(epi->bias + 8 * j);
        for (int r = 0; r < MR; r++) acc[r] = act_value(epi->sigmoid, acc[r] + bias);
    } else if (last && epi->kind == AE_EPI_SLOPE) {
        for (int r = 0; r < MR; r++) {
            lanes h = *(const lanes *)(epi->h + coff + r * rsc);
            lanes g = act_slope(epi->sigmoid, h);
            lanes da = acc[r] * g;
            // CAE (Rifai): ∂/∂a of λ·g²·||W_j||² is 2λ·g·||W_j||²·g′ (as in LossTile.c).
            if (epi->cae) da += *(const lanes *)(epi->cae + 8 * j) * g * act_curvature(epi->sigmoid, h, g);
            acc[r] = da;
        }
    }
    for (int r = 0; r < MR; r++) *(lanes *)(c + r * rsc) = acc[r];
}

/// C (m × chunks lanes, chunk j of row r at c + r·rsc + j·csc) = A·B, or += with `accumulate`;
/// then the epilogue. Loops, outside in: K in passes of AE_KC, rows in blocks of AE_MC, chunks (the
/// B micro-panel in L1), rows in steps of AE_MR (the microkernel).
AE_INLINE void product_body(long m, long chunks, long K, const double *a, long psa, long rsa, long csa, const double *b,
                            long bsk, long bsj, double *c, long rsc, long csc, int accumulate,
                            const ae_epilogue *epi) {
    if (K == 0 && !accumulate) {
        for (long r = 0; r < m; r++)
            for (long j = 0; j < chunks; j++) *(lanes *)(c + r * rsc + j * csc) = 0;
    }
    for (long k0 = 0; k0 < K; k0 += AE_KC) {
        const long k1 = k0 + AE_KC < K ? k0 + AE_KC : K;
        const int load = accumulate || k0 > 0, last = k1 == K;
        for (long i0 = 0; i0 < m; i0 += AE_MC) {
            const long i1 = i0 + AE_MC < m ? i0 + AE_MC : m;
            for (long j = 0; j < chunks; j++) {
                const double *bj = b + j * bsj;
                for (long r = i0; r < i1; r += AE_MR) {
                    const long off = r * rsc + j * csc;
                    const double *ar = a + (r / AE_MR) * psa + (r % AE_MR) * rsa;
                    double *cr = c + off;
#define MICRO(MR) product_micro(MR, k0, k1, ar, rsa, csa, bj, bsk, cr, rsc, load, last, epi, j, off)
                    switch (i1 - r < AE_MR ? i1 - r : AE_MR) {
                    case 6: MICRO(6); break;
                    case 5: MICRO(5); break;
                    case 4: MICRO(4); break;
                    case 3: MICRO(3); break;
                    case 2: MICRO(2); break;
                    default: MICRO(1); break;
                    }
#undef MICRO
                }
            }
        }
    }
}

#endif
