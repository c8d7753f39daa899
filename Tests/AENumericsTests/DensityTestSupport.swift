import AENumerics

/// Central differences of a scalar function of a point.
func centralGradient(_ f: ([Double]) -> Double, at x: [Double], h: Double = 1e-5) -> [Double] {
    (0..<x.count).map { k in
        var plus = x, minus = x
        plus[k] += h; minus[k] -= h
        return (f(plus) - f(minus)) / (2 * h)
    }
}

/// Central differences of a vector function: row i holds ∂f_i/∂x_j.
func centralJacobian(_ f: ([Double]) -> [Double], at x: [Double], h: Double = 1e-5) -> [Double] {
    let d = x.count
    var j = [Double](repeating: 0, count: d * d)
    for k in 0..<d {
        var plus = x, minus = x
        plus[k] += h; minus[k] -= h
        let fp = f(plus), fm = f(minus)
        for i in 0..<d { j[i * d + k] = (fp[i] - fm[i]) / (2 * h) }
    }
    return j
}

/// max |a − b| / max(1, max |b|).
func relativeDistance(_ a: [Double], _ b: [Double]) -> Double {
    let scale = max(1, b.map(abs).max() ?? 0)
    return zip(a, b).map { abs($0 - $1) }.max()! / scale
}

/// r(x) = c + Vᵀ·tanh(W·x + b) with V = W (tied) or a separate V (untied): a small auto-encoder of the
/// tests' own, with an exact Jacobian Vᵀ·diag(1 − h²)·W. Tied, each J_ij = Σ_k s_k·(W_ki·W_kj) is
/// computed so that J_ij and J_ji are the same sum of the same products: J is exactly symmetric.
final class TanhField: ReconstructionField {
    let dim: Int
    let hidden: Int
    let w: [Double]       // hidden × dim
    let v: [Double]       // hidden × dim
    let b: [Double]
    let c: [Double]
    let sigma: Double
    let tied: Bool

    init(dim: Int, hidden: Int, tied: Bool, sigma: Double = 0.1, seed: UInt64) {
        var rng = Xoshiro256(seed: seed)
        self.dim = dim
        self.hidden = hidden
        self.tied = tied
        self.sigma = sigma
        w = (0..<(hidden * dim)).map { _ in rng.normal() * 0.7 }
        v = tied ? w : (0..<(hidden * dim)).map { _ in rng.normal() * 0.7 }
        b = (0..<hidden).map { _ in rng.normal() * 0.3 }
        c = (0..<dim).map { _ in rng.normal() * 0.1 }
    }

    func code(_ x: [Double]) -> [Double] {
        (0..<hidden).map { k in
            var a = b[k]
            for j in 0..<dim { a += w[k * dim + j] * x[j] }
            return tanh(a)
        }
    }

    func reconstructPoint(_ x: [Double]) -> [Double] {
        let h = code(x)
        return (0..<dim).map { i in
            var r = c[i]
            for k in 0..<hidden { r += v[k * dim + i] * h[k] }
            return r
        }
    }

    func reconstruct(_ points: Dataset, threads: Int) -> Dataset {
        Dataset(rows: (0..<points.n).map { reconstructPoint(points.row($0)) })
    }

    func jacobian(at point: [Double]) -> [Double] {
        let h = code(point)
        var j = [Double](repeating: 0, count: dim * dim)
        for i in 0..<dim {
            for l in 0..<dim {
                var s = 0.0
                for k in 0..<hidden { s += (1 - h[k] * h[k]) * (v[k * dim + i] * w[k * dim + l]) }
                j[i * dim + l] = s
            }
        }
        return j
    }
}

#if canImport(Glibc)
import Glibc
#endif
