// exp, tanh and the sigmoid of 8 values at a time, for Swift callers (VectorMath.swift).
#include "Dispatch.h"
#include "Lanes.h"

AE_INLINE void ae_exp8_body(const double *x, double *out) { *(lanes *)out = exp8(*(const lanes *)x); }
AE_INLINE void ae_tanh8_body(const double *x, double *out) { *(lanes *)out = tanh8(*(const lanes *)x); }
AE_INLINE void ae_sigmoid8_body(const double *x, double *out) {
    *(lanes *)out = sigmoid8(*(const lanes *)x);
}

AE_DISPATCH_VOID(ae_exp8, (const double *x, double *out), (x, out))
AE_DISPATCH_VOID(ae_tanh8, (const double *x, double *out), (x, out))
AE_DISPATCH_VOID(ae_sigmoid8, (const double *x, double *out), (x, out))
