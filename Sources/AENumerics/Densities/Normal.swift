import RealModule

/// The multivariate normal N(μ, Σ) in any dimension: isotropic, per-dimension or full covariance.
///
///     Normal(mean: [0, 0], sd: [0.5])          // isotropic
///     Normal(mean: [1, -1], sd: [1, 0.1])      // per dimension
///     Normal(mean: μ, covariance: Σ)!          // full, Σ row-major d × d
public final class Normal: Density {
    public let dim: Int
    public let mean: [Double]
    /// Σ, row-major d × d.
    public let covariance: [Double]
    /// L with Σ = L·Lᵀ (lower triangular).
    public let choleskyFactor: [Double]
    /// Σ⁻¹: the score is −Σ⁻¹(x − μ) and the Hessian −Σ⁻¹.
    public let precision: [Double]
    let logNormaliser: Double
    let isDiagonal: Bool

    /// N(mean, diag(sd²)); `sd` has one entry (isotropic) or one per dimension, all > 0, with sd² and
    /// 1/sd² finite.
    public convenience init(mean: [Double], sd: [Double]) {
        let d = mean.count
        precondition(d >= 1 && (sd.count == 1 || sd.count == d)
            && sd.allSatisfy { $0 > 0 && ($0 * $0).isFinite && (1 / ($0 * $0)).isFinite })
        var sigma = [Double](repeating: 0, count: d * d)
        for i in 0..<d { let s = sd.count == 1 ? sd[0] : sd[i]; sigma[i * d + i] = s * s }
        self.init(mean: mean, covariance: sigma)!
    }

    /// N(mean, Σ); nil when Σ is not symmetric positive definite.
    public init?(mean: [Double], covariance: [Double]) {
        let d = mean.count
        guard d >= 1, covariance.count == d * d else { return nil }
        for i in 0..<d { for j in 0..<i where abs(covariance[i * d + j] - covariance[j * d + i]) >
            1e-12 * max(abs(covariance[i * d + j]), 1e-300) { return nil } }
        guard let l = cholesky(covariance, dim: d) else { return nil }
        self.dim = d
        self.mean = mean
        self.covariance = covariance
        self.choleskyFactor = l
        self.precision = inverseFromCholesky(l, dim: d)
        var logDet = 0.0
        for i in 0..<d { logDet += Double.log(l[i * d + i]) }
        self.logNormaliser = -0.5 * Double(d) * Double.log(2 * Double.pi) - logDet
        var diagonal = true
        for i in 0..<d { for j in 0..<d where i != j && covariance[i * d + j] != 0 { diagonal = false } }
        self.isDiagonal = diagonal
    }

    public var name: String { "normal" }

    public func logp(_ x: [Double]) -> Double {
        var diff = x
        for i in 0..<dim { diff[i] -= mean[i] }
        let z = forwardSubstitute(choleskyFactor, diff, dim: dim)
        var q = 0.0
        for v in z { q += v * v }
        return logNormaliser - 0.5 * q
    }

    public func score(at x: [Double]) -> [Double] {
        var s = [Double](repeating: 0, count: dim)
        for i in 0..<dim {
            var v = 0.0
            for j in 0..<dim { v -= precision[i * dim + j] * (x[j] - mean[j]) }
            s[i] = v
        }
        return s
    }

    public func hessian(at x: [Double]) -> [Double] { precision.map { 0 - $0 } }   // 0 − 0 is +0, not −0

    public func draw(_ n: Int, rng: inout Xoshiro256) -> Dataset {
        var out = Dataset(rows: n, dim: dim)
        var z = [Double](repeating: 0, count: dim)
        for r in 0..<n {
            for j in 0..<dim { z[j] = rng.normal() }
            for i in 0..<dim {
                var v = mean[i]
                for j in 0...i { v += choleskyFactor[i * dim + j] * z[j] }
                out[r, i] = v
            }
        }
        return out
    }

    /// N(μ, Σ + σ²I).
    public func smoothed(by sigma: Double) -> (any Density)? {
        var wider = covariance
        for i in 0..<dim { wider[i * dim + i] += sigma * sigma }
        return Normal(mean: mean, covariance: wider)
    }

    /// The standard deviations along the axes (√Σ_ii).
    public var sd: [Double] { (0..<dim).map { covariance[$0 * dim + $0].squareRoot() } }
}
