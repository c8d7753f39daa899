import AENumerics
import Foundation

/// N(μ, Σ) in 2-D with Σ = [[s11, s12], [s12, s22]]: E(x) = ½(x − μ)ᵀΣ⁻¹(x − μ), score = −Σ⁻¹(x − μ).
/// Rows are processed in fixed blocks on `threads` threads, like a real model.
final class GaussianField: EnergyField {
    let mean: [Double]
    let cov: [[Double]]
    let precision: [[Double]]
    var dim: Int { 2 }

    init(mean: [Double] = [1, -0.5], cov: [[Double]] = [[1, 0.8], [0.8, 2]]) {
        self.mean = mean
        self.cov = cov
        let det = cov[0][0] * cov[1][1] - cov[0][1] * cov[1][0]
        precision = [[cov[1][1] / det, -cov[0][1] / det], [-cov[1][0] / det, cov[0][0] / det]]
    }

    func score(_ points: Dataset, threads: Int) -> Dataset {
        var out = Dataset(rows: points.n, dim: 2)
        let blocks = (points.n + 15) / 16
        out.values.withUnsafeMutableBufferPointer { o in
            parallelBlocks(blocks, threads: threads) { b in
                for i in b * 16 ..< min(points.n, (b + 1) * 16) {
                    let u = points[i, 0] - self.mean[0], v = points[i, 1] - self.mean[1]
                    o[2 * i] = -(self.precision[0][0] * u + self.precision[0][1] * v)
                    o[2 * i + 1] = -(self.precision[1][0] * u + self.precision[1][1] * v)
                }
            }
        }
        return out
    }

    func energy(_ points: Dataset, threads: Int) -> [Double] {
        (0..<points.n).map { i in
            let u = points[i, 0] - mean[0], v = points[i, 1] - mean[1]
            return 0.5 * (precision[0][0] * u * u + 2 * precision[0][1] * u * v + precision[1][1] * v * v)
        }
    }
}

/// The same Gaussian seen only through its score (no energy): what a trained model offers.
final class ScoreOnly: ScoreField {
    let inner: ScoreField
    init(_ inner: ScoreField) { self.inner = inner }
    var dim: Int { inner.dim }
    func score(_ points: Dataset, threads: Int) -> Dataset { inner.score(points, threads: threads) }
}

/// A smooth nonlinear field shaped like a trained DAE: score = (c + V·tanh(b + W·x) − x)/σ², random
/// weights (fixed seed). Not conservative in general, but its path integral is a smooth 1-D integral,
/// which is what the quadrature comparison needs.
final class RandomTanhField: ReconstructionField {
    let dim: Int, hidden: Int
    let sigma: Double
    var w: [Double], b: [Double], v: [Double], c: [Double]

    init(dim: Int, hidden: Int, sigma: Double = 0.1, seed: UInt64 = 3) {
        self.dim = dim; self.hidden = hidden; self.sigma = sigma
        var rng = Xoshiro256(seed: seed)
        w = (0..<hidden * dim).map { _ in rng.normal() * 2 / Double(dim).squareRoot() }
        b = (0..<hidden).map { _ in rng.normal() }
        v = (0..<dim * hidden).map { _ in rng.normal() / Double(hidden).squareRoot() }
        c = (0..<dim).map { _ in rng.normal() * 0.1 }
    }

    func reconstruct(_ points: Dataset, threads: Int) -> Dataset {
        var out = Dataset(rows: points.n, dim: dim)
        var h = [Double](repeating: 0, count: hidden)
        for i in 0..<points.n {
            for k in 0..<hidden {
                var a = b[k]
                for j in 0..<dim { a += w[k * dim + j] * points[i, j] }
                h[k] = tanh(a)
            }
            for j in 0..<dim {
                var r = c[j]
                for k in 0..<hidden { r += v[j * hidden + k] * h[k] }
                out[i, j] = r
            }
        }
        return out
    }

    func jacobian(at point: [Double]) -> [Double] {
        var jac = [Double](repeating: 0, count: dim * dim)
        for k in 0..<hidden {
            var a = b[k]
            for j in 0..<dim { a += w[k * dim + j] * point[j] }
            let g = 1 - tanh(a) * tanh(a)
            for i in 0..<dim { for j in 0..<dim { jac[i * dim + j] += v[i * hidden + k] * g * w[k * dim + j] } }
        }
        return jac
    }
}

/// r(x) = x − η·∇V(x) for the double well V = (x² − 1)² + y²: stable fixed points at (±1, 0), a saddle at
/// the origin. A reconstruction field with known attractors.
final class DoubleWellReconstruction: ReconstructionField {
    var dim: Int { 2 }
    var sigma: Double { 0.1 }
    let eta = 0.05

    func reconstruct(_ points: Dataset, threads: Int) -> Dataset {
        var out = points
        for i in 0..<points.n {
            let x = points[i, 0], y = points[i, 1]
            out[i, 0] = x - eta * 4 * x * (x * x - 1)
            out[i, 1] = y - eta * 2 * y
        }
        return out
    }

    func jacobian(at point: [Double]) -> [Double] {
        let x = point[0]
        return [1 - eta * (12 * x * x - 4), 0, 0, 1 - eta * 2]
    }
}
