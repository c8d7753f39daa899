/// The Cholesky factor L (lower triangular, Σ = L·Lᵀ) of a symmetric positive-definite d × d matrix,
/// row-major; nil when the matrix is not positive definite.
public func cholesky(_ a: [Double], dim d: Int) -> [Double]? {
    precondition(a.count == d * d)
    var l = [Double](repeating: 0, count: d * d)
    for i in 0..<d {
        for j in 0...i {
            var s = a[i * d + j]
            for k in 0..<j { s -= l[i * d + k] * l[j * d + k] }
            if i == j {
                guard s > 0, s.isFinite else { return nil }
                l[i * d + i] = s.squareRoot()
            } else {
                l[i * d + j] = s / l[j * d + j]
            }
        }
    }
    return l
}

/// Solves L·y = b for lower-triangular L (row-major d × d).
func forwardSubstitute(_ l: [Double], _ b: [Double], dim d: Int) -> [Double] {
    var y = b
    for i in 0..<d {
        var s = y[i]
        for k in 0..<i { s -= l[i * d + k] * y[k] }
        y[i] = s / l[i * d + i]
    }
    return y
}

/// Solves Lᵀ·x = y for lower-triangular L (row-major d × d).
func backSubstituteTransposed(_ l: [Double], _ y: [Double], dim d: Int) -> [Double] {
    var x = y
    for i in stride(from: d - 1, through: 0, by: -1) {
        var s = x[i]
        for k in (i + 1)..<d { s -= l[k * d + i] * x[k] }
        x[i] = s / l[i * d + i]
    }
    return x
}

/// Σ⁻¹ from the Cholesky factor of Σ.
func inverseFromCholesky(_ l: [Double], dim d: Int) -> [Double] {
    var inverse = [Double](repeating: 0, count: d * d)
    for j in 0..<d {
        var e = [Double](repeating: 0, count: d)
        e[j] = 1
        let column = backSubstituteTransposed(l, forwardSubstitute(l, e, dim: d), dim: d)
        for i in 0..<d { inverse[i * d + j] = column[i] }
    }
    // Symmetrise the rounding so Hessians are exactly symmetric.
    for i in 0..<d { for j in 0..<i {
        let m = (inverse[i * d + j] + inverse[j * d + i]) / 2
        inverse[i * d + j] = m; inverse[j * d + i] = m
    } }
    return inverse
}
