import _AEKernels

/// The blocked matrix product that the wide kernels (``WideLossKernel``) are built on, on its own:
/// a 6 × 8 register-blocked fma microkernel inside loops that keep a panel of B in L1 and a block of
/// A in L2 (_AEKernels/Product.h). Exposed so that tests and benchmarks can hold it against a plain
/// loop.
///
/// Every element of the result is a chain of fused multiply-adds over k = 0, 1, …, K−1 in order,
/// starting from 0: exactly `for k in 0..<K { c = a[i,k].addingProduct... }` written with fma, so the
/// result has the same bits as that loop, on every instruction set.
///
///     let c = BlockedProduct.multiply(a, rows: 2, inner: 3, b, columns: 4)   // 2 × 4, row-major
public enum BlockedProduct {
    /// A·B for A (rows × inner, row-major; or inner × rows when `transposedA`, read in place) and
    /// B (inner × columns, row-major), as a row-major rows × columns array.
    public static func multiply(_ a: [Double], rows m: Int, inner k: Int, _ b: [Double], columns n: Int,
                                transposedA: Bool = false) -> [Double] {
        precondition(a.count == m * k && b.count == k * n)
        let chunks = (n + 7) / 8
        // B packed as the kernels take their weights: chunk j's 8 columns of row k contiguous.
        var packed = [Double](repeating: 0, count: max(1, chunks * k * 8))
        for kk in 0..<k {
            for j in 0..<n { packed[((j / 8) * k + kk) * 8 + j % 8] = b[kk * n + j] }
        }
        var c = [Double](repeating: 0, count: max(1, m * chunks * 8))
        a.withUnsafeBufferPointer { pa in
            packed.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    ae_product(m, chunks, k, pa.baseAddress, transposedA ? 1 : k, transposedA ? m : 1, pb.baseAddress,
                               8, 8 * k, pc.baseAddress, 8 * chunks, 8, 0)
                }
            }
        }
        var result = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n { result[i * n + j] = c[i * chunks * 8 + j] }
        }
        return result
    }
}
