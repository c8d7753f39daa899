/// Eigenvalues and eigenvectors of a symmetric d × d matrix by the cyclic Jacobi method: plane rotations
/// that zero one off-diagonal element at a time, sweeping until the off-diagonal mass is below
/// 1e-15 of the matrix's norm. Accurate to working precision, simple, and plenty fast for the d ≤ 100
/// of a Hessian here.
public struct SymmetricEigen {
    /// Eigenvalues, largest first.
    public let values: [Double]
    /// `vectors[k]` is the unit eigenvector of `values[k]`.
    public let vectors: [[Double]]

    /// `matrix` row-major d × d; only its symmetric part (A + Aᵀ)/2 is used.
    public init(_ matrix: [Double], dim d: Int) {
        precondition(matrix.count == d * d && d >= 1)
        var a = matrix
        for i in 0..<d { for j in 0..<i {
            let m = (a[i * d + j] + a[j * d + i]) / 2
            a[i * d + j] = m; a[j * d + i] = m
        } }
        var v = [Double](repeating: 0, count: d * d)
        for i in 0..<d { v[i * d + i] = 1 }
        let norm = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<d { for j in 0..<i { off += 2 * a[i * d + j] * a[i * d + j] } }
            if off.squareRoot() <= 1e-15 * norm || off == 0 { break }
            for p in 0..<d {
                for q in (p + 1)..<max(d, p + 1) where a[p * d + q] != 0 {
                    // The rotation angle that zeroes a_pq (Golub & Van Loan, alg. 8.4.1).
                    let theta = (a[q * d + q] - a[p * d + p]) / (2 * a[p * d + q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<d {   // A ← A·J
                        let akp = a[k * d + p], akq = a[k * d + q]
                        a[k * d + p] = c * akp - s * akq
                        a[k * d + q] = s * akp + c * akq
                    }
                    for k in 0..<d {   // A ← Jᵀ·A
                        let apk = a[p * d + k], aqk = a[q * d + k]
                        a[p * d + k] = c * apk - s * aqk
                        a[q * d + k] = s * apk + c * aqk
                    }
                    for k in 0..<d {   // V ← V·J
                        let vkp = v[k * d + p], vkq = v[k * d + q]
                        v[k * d + p] = c * vkp - s * vkq
                        v[k * d + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<d).sorted { a[$0 * d + $0] > a[$1 * d + $1] }
        values = order.map { a[$0 * d + $0] }
        vectors = order.map { k in (0..<d).map { v[$0 * d + k] } }
    }
}
