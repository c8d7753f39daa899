// The last step of Xoshiro256.fillNormal's polar-method variates (Random.swift): z = u·√(t / s) with
// t = −2·log s already computed, eight at a time. Swift compiles its square root to a scalar
// instruction with a library-call fallback, which keeps this loop from vectorizing; here it is one
// vector instruction. Division and square root are correctly rounded, so every instruction set gives
// the bits of the scalar u * (t / s).squareRoot() that normal() computes.
#include "Dispatch.h"
#include "Lanes.h"

AE_INLINE void ae_polar_scale_body(long n, const double *u, const double *s, double *t) {
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        const lanes ratio = *(const lanes *)(t + i) / *(const lanes *)(s + i);
        *(lanes *)(t + i) = *(const lanes *)(u + i) * __builtin_elementwise_sqrt(ratio);
    }
    for (; i < n; i++) t[i] = u[i] * __builtin_elementwise_sqrt(t[i] / s[i]);
}

AE_DISPATCH_VOID(ae_polar_scale, (long n, const double *u, const double *s, double *t), (n, u, s, t))
