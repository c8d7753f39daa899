/// Solves the tridiagonal system  lower[i]·x[i−1] + diagonal[i]·x[i] + upper[i]·x[i+1] = rhs[i]
/// by the Thomas algorithm in O(n) (lower[0] and upper[n−1] are ignored).
///
/// No pivoting: meant for diagonally dominant or symmetric positive-definite systems, such as the normal
/// equations of the discretised RCAE loss (eq. 10), for which elimination without pivoting is stable.
public func solveTridiagonal(lower: [Double], diagonal: [Double], upper: [Double], rhs: [Double]) -> [Double] {
    let n = diagonal.count
    precondition(n >= 1 && lower.count == n && upper.count == n && rhs.count == n)
    var c = [Double](repeating: 0, count: n)   // the modified super-diagonal
    var d = [Double](repeating: 0, count: n)   // the modified right-hand side
    c[0] = upper[0] / diagonal[0]
    d[0] = rhs[0] / diagonal[0]
    for i in 1..<max(n, 1) {
        let pivot = diagonal[i] - lower[i] * c[i - 1]
        c[i] = i < n - 1 ? upper[i] / pivot : 0
        d[i] = (rhs[i] - lower[i] * d[i - 1]) / pivot
    }
    var x = d
    for i in stride(from: n - 2, through: 0, by: -1) { x[i] = d[i] - c[i] * x[i + 1] }
    return x
}
