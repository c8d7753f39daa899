/// ΔE = E(bᵢ) − E(aᵢ) for every pair of rows, by the path integral of eq. (12) discretised with `path`:
/// ΔE ≈ −Σₖ wₖ·score(aᵢ + tₖ(bᵢ − aᵢ))·(bᵢ − aᵢ). All path points of all pairs go to the field in one call.
///
///     let q = PathQuadrature(rule: .gauss, points: 4)
///     let dE = pathEnergyDifference(field: ae, from: x, to: y, path: q)
public func pathEnergyDifference(field: ScoreField, from a: Dataset, to b: Dataset, path: PathQuadrature,
                                 threads: Int = 0) -> [Double] {
    precondition(a.n == b.n && a.dim == field.dim && b.dim == field.dim)
    let d = field.dim, q = path.count
    var batch = [Double](repeating: 0, count: a.n * q * d)
    for i in 0..<a.n {
        for k in 0..<q {
            let t = path.nodes[k]
            for j in 0..<d { batch[(i * q + k) * d + j] = a[i, j] + t * (b[i, j] - a[i, j]) }
        }
    }
    let scores = field.score(Dataset(rows: a.n * q, dim: d, values: batch), threads: threads)
    return (0..<a.n).map { i in
        var sum = 0.0
        for k in 0..<q {
            var dot = 0.0
            for j in 0..<d { dot += scores[i * q + k, j] * (b[i, j] - a[i, j]) }
            sum += path.weights[k] * dot
        }
        return -sum
    }
}
