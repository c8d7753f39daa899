// Eight doubles, the kernels' unit of work (two AVX registers, four SSE or NEON ones), and the
// vectorised exp, tanh and sigmoid. Every function here is inlined into the kernel that calls it, so
// it is compiled for that kernel's instruction set (Dispatch.h).
#ifndef AE_LANES_H
#define AE_LANES_H

#include <stdint.h>

// Only explicit fma calls fuse: a·b + c written as such rounds twice, as in the Swift it replaced.
#pragma clang fp contract(off)
// Vectors of 8 doubles are passed by value only between functions that are always inlined, so no
// call ever depends on how AVX2 code passes them (the warning's subject).
#pragma clang diagnostic ignored "-Wpsabi"

// Alignment 8: the kernels read whatever Swift hands them (arrays, or buffers of SIMD8<Double>).
typedef double lanes __attribute__((ext_vector_type(8), aligned(8)));
typedef uint64_t ulanes __attribute__((ext_vector_type(8), aligned(8)));
typedef int64_t mask8 __attribute__((ext_vector_type(8), aligned(8)));

#define AE_INLINE static inline __attribute__((always_inline))

AE_INLINE lanes splat(double x) { return (lanes)x; }

/// a·b + c with one rounding, lane by lane.
AE_INLINE lanes fma8(lanes a, lanes b, lanes c) { return __builtin_elementwise_fma(a, b, c); }

/// Horizontal sum in a fixed pairwise order: (x0+x4 + x2+x6) + (x1+x5 + x3+x7).
AE_INLINE double lane_sum(lanes x) {
    __attribute__((ext_vector_type(4))) double a = x.lo + x.hi;
    __attribute__((ext_vector_type(2))) double b = a.lo + a.hi;
    return b[0] + b[1];
}

/// Sum from lane 0 to lane 7, one after the other.
AE_INLINE double lane_sum_sequential(lanes x) {
    double s = x[0];
    for (int i = 1; i < 8; i++) s += x[i];
    return s;
}

AE_INLINE int all_lanes(mask8 m) {
    mask8 a = m & __builtin_shufflevector(m, m, 4, 5, 6, 7, 0, 1, 2, 3);
    return (a[0] & a[1] & a[2] & a[3]) != 0;
}

// Cephes exp coefficients (Moshier): P and Q of exp(r) = (Q(r²) + r·P(r²))/(Q(r²) − r·P(r²)), error
// below 2e-16 on |r| ≤ ln 2 / 2.
#define AE_P0 1.26177193074810590878e-4
#define AE_P1 3.02994407707441961300e-2
#define AE_P2 9.99999999999999999910e-1
#define AE_Q0 3.00198505138664455042e-6
#define AE_Q1 2.52448340349684104192e-3
#define AE_Q2 2.27265548208155028766e-1
#define AE_Q3 2.00000000000000000009e0
#define AE_LN2HI 6.93145751953125e-1
#define AE_LN2LO 1.42860682030941723212e-6
#define AE_LN2 0.6931471805599453
#define AE_LOG2E 1.4426950408889634073599
// Adding then subtracting 1.5·2^52 rounds to the nearest integer, whose value also sits in the low
// bits of the sum: no float-to-int conversion needed.
#define AE_SHIFTER 6755399441055744.0

/// a where m is set, b elsewhere.
AE_INLINE lanes select8(mask8 m, lanes a, lanes b) {
    return (lanes)(((ulanes)m & (ulanes)a) | (~(ulanes)m & (ulanes)b));
}

/// x limited to [−bound, bound] (a NaN stays NaN, so a diverging model is noticed). Each replacement
/// tests the value it replaces, so that they compile to vminpd and vmaxpd (in the operand order that
/// passes a NaN through) rather than compares and blends.
AE_INLINE lanes clamp8(lanes x, double bound) {
    lanes y = select8(x > bound, splat(bound), x);
    return select8(y < -bound, splat(-bound), y);
}

/// exp(x) = 2^k · n/d for x in [−700, 700]: sets *exponent to k·2^52 (2^k as an addend to a double's
/// bits), *n to q + p and *d to q − p. r = x − k·ln 2 takes two steps (Cody–Waite) for full relative
/// accuracy at large k; with `short_reduction`, one step with ln 2 rounded to a double, which tanh
/// (|x| ≤ 40) damps below 1e-16 and which saves a multiply-add in the hottest loop.
AE_INLINE void exp_parts(lanes x, int short_reduction, ulanes *exponent, lanes *n, lanes *d) {
    lanes t = fma8(x, splat(AE_LOG2E), splat(AE_SHIFTER));
    lanes k = t - AE_SHIFTER;
    lanes r = short_reduction ? fma8(k, splat(-AE_LN2), x)
                              : fma8(k, splat(-AE_LN2LO), fma8(k, splat(-AE_LN2HI), x));
    lanes rr = r * r;
    lanes p = r * fma8(fma8(rr, splat(AE_P0), splat(AE_P1)), rr, splat(AE_P2));
    lanes q = fma8(fma8(fma8(rr, splat(AE_Q0), splat(AE_Q1)), rr, splat(AE_Q2)), rr, splat(AE_Q3));
    ulanes bits = (ulanes)t - (ulanes)splat(AE_SHIFTER);
    *exponent = bits << 52;
    *n = q + p;
    *d = q - p;
}

/// value · 2^k given k·2^52: an integer add to the exponent field (exact for the numerators here,
/// in [1.65, 2.36], with |k| ≤ 1010 after the clamps).
AE_INLINE lanes scaled8(lanes value, ulanes exponent) { return (lanes)((ulanes)value + exponent); }

AE_INLINE lanes exp8(lanes x) {
    ulanes k; lanes n, d;
    exp_parts(clamp8(x, 700), 0, &k, &n, &d);
    return scaled8(n, k) / d;
}

/// tanh(a) = (e − 1)/(e + 1) with e = exp(2a) = 2^k·n/d, multiplied through by d; ±1 for |a| > 20.
AE_INLINE lanes tanh8(lanes a) {
    ulanes k; lanes n, d;
    exp_parts(clamp8(a + a, 40), 1, &k, &n, &d);
    lanes sn = scaled8(n, k);
    return (sn - d) / (sn + d);
}

/// 1/(1 + e^−a) = d/(d + 2^k·n).
AE_INLINE lanes sigmoid8(lanes a) {
    ulanes k; lanes n, d;
    exp_parts(clamp8(-a, 700), 0, &k, &n, &d);
    return d / (d + scaled8(n, k));
}

/// The hidden activations (0 tanh, 1 sigmoid): the value; its slope from the value h; the slope's
/// derivative from h and g = slope (for the contractive penalties).
AE_INLINE lanes act_value(int sigmoid, lanes a) { return sigmoid ? sigmoid8(a) : tanh8(a); }
AE_INLINE lanes act_slope(int sigmoid, lanes h) { return sigmoid ? h * (1 - h) : 1 - h * h; }
AE_INLINE lanes act_curvature(int sigmoid, lanes h, lanes g) { return sigmoid ? g * (1 - 2 * h) : -2 * h * g; }

#endif
