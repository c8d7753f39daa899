// The blocked matrix product on its own (Product.h), for the tests and benchmarks that check the
// microkernel against a plain loop.
#include "Dispatch.h"
#include "Product.h"

AE_INLINE void ae_product_body(long m, long chunks, long k, const double *a, long rsa, long csa, const double *b,
                               long bsk, long bsj, double *c, long rsc, long csc, int accumulate) {
    const ae_epilogue none = {AE_EPI_NONE, 0, 0, 0, 0};
    product_body(m, chunks, k, a, AE_MR * rsa, rsa, csa, b, bsk, bsj, c, rsc, csc, accumulate, &none);
}

AE_DISPATCH_VOID(ae_product,
                 (long m, long chunks, long k, const double *a, long rsa, long csa, const double *b, long bsk,
                  long bsj, double *c, long rsc, long csc, int accumulate),
                 (m, chunks, k, a, rsa, csa, b, bsk, bsj, c, rsc, csc, accumulate))
