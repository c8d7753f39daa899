import RealModule

/// The non-parametric optimal auto-encoders of the paper's §3.3: every r̂(x_i) on a grid of m points is a
/// free parameter, fitted to a known 1-D density.
///
///     let fit = NonParametric1D.rcae(density: Energy1D(), sigma: 0.31)
///     fit.error      // the p-weighted RMS distance of (r̂ − x)/σ² to the true score
public enum NonParametric1D {
    /// The RCAE of eq. (10): minimises
    ///
    ///     Σ_i p_i Δ (r_i − x_i)²  +  σ² Σ_{i<m} p_i Δ ((r_{i+1} − r_i)/Δ)²
    ///
    /// exactly. Setting its gradient to 0 gives the tridiagonal normal equations, row i:
    /// p_i Δ (r_i − x_i) + σ² [p_i/Δ (r_i − r_{i+1}) + p_{i−1}/Δ (r_i − r_{i−1})] = 0 (the first row has
    /// no p_{i−1} term, the last no p_i term), solved by the Thomas algorithm in O(m). The system is
    /// strictly diagonally dominant when every p_i > 0.
    public static func rcae(density: any Density, sigma: Double, m: Int = 1000,
                            range: ClosedRange<Double> = -1.5...1.5) throws -> NonParametricResult {
        let (grid, p, delta) = try setUp(density: density, sigma: sigma, m: m, range: range)
        let s2 = sigma * sigma
        var lower = [Double](repeating: 0, count: m), diagonal = lower, upper = lower, rhs = lower
        for i in 0..<m {
            diagonal[i] = p[i] * delta
            rhs[i] = p[i] * delta * grid[i]
            if i < m - 1 {   // the penalty term between x_i and x_{i+1}, weighted by p_i
                diagonal[i] += s2 * p[i] / delta
                upper[i] = -s2 * p[i] / delta
            }
            if i > 0 {       // the penalty term between x_{i−1} and x_i, weighted by p_{i−1}
                diagonal[i] += s2 * p[i - 1] / delta
                lower[i] = -s2 * p[i - 1] / delta
            }
        }
        let r = solveTridiagonal(lower: lower, diagonal: diagonal, upper: upper, rhs: rhs)
        return NonParametricResult(kind: "rcae1d", density: density, sigma: sigma, grid: grid, p: p, r: r)
    }

    /// The optimal DAE of eq. (3) with the expectation over the noise discretised on the grid:
    ///
    ///     r_i = Σ_j p_j φ_σ(x_i − x_j) x_j / Σ_j p_j φ_σ(x_i − x_j),
    ///
    /// the weights summed in log space so that small σ neither underflows nor divides 0 by 0. O(m²).
    public static func dae(density: any Density, sigma: Double, m: Int = 1000,
                           range: ClosedRange<Double> = -1.5...1.5) throws -> NonParametricResult {
        let (grid, p, _) = try setUp(density: density, sigma: sigma, m: m, range: range)
        let logP = p.map { Double.log($0) }
        let k = -0.5 / (sigma * sigma)
        var r = [Double](repeating: 0, count: m)
        var logs = [Double](repeating: 0, count: m)
        for i in 0..<m {
            for j in 0..<m {
                let d = grid[i] - grid[j]
                logs[j] = logP[j] + k * d * d
            }
            let top = logs.max()!
            var total = 0.0, weighted = 0.0
            for j in 0..<m {
                let w = Double.exp(logs[j] - top)
                total += w
                weighted += w * grid[j]
            }
            r[i] = weighted / total
        }
        return NonParametricResult(kind: "dae1d", density: density, sigma: sigma, grid: grid, p: p, r: r)
    }

    /// The grid x_i, the density p_i = p(x_i) and the spacing Δ, after checking the arguments.
    static func setUp(density: any Density, sigma: Double, m: Int, range: ClosedRange<Double>)
        throws -> (grid: [Double], p: [Double], delta: Double) {
        guard density.dim == 1 else {
            throw DensityError("the density must be 1-D, got a \(density.dim)-D density")
        }
        guard sigma > 0, sigma.isFinite else { throw DensityError("sigma must be > 0, got \(display(sigma))") }
        guard m >= 3 else { throw DensityError("m must be at least 3, got \(m)") }
        guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
            throw DensityError("the range must be an interval [a, b] with a < b")
        }
        let delta = (range.upperBound - range.lowerBound) / Double(m - 1)
        let grid = (0..<m).map { range.lowerBound + Double($0) * delta }
        let p = grid.map { Double.exp(density.logp([$0])) }
        if let i = p.firstIndex(where: { !($0 > 0) || !$0.isFinite }) {
            throw DensityError("the density is \(display(p[i])) at x = \(display(grid[i])); the grid needs p > 0 everywhere")
        }
        return (grid, p, delta)
    }
}

/// A non-parametric fit on a 1-D grid: r̂, the score estimate (r̂ − x)/σ² (eq. 5), the true score, and
/// the p-weighted RMS error sqrt(Σ p_i e_i² / Σ p_i) between them.
public struct NonParametricResult {
    /// "rcae1d" or "dae1d".
    public let kind: String
    public let sigma: Double
    public let grid: [Double]
    /// p(x_i), normalised.
    public let p: [Double]
    public let r: [Double]
    public let score: [Double]
    public let trueScore: [Double]
    public let error: Double

    init(kind: String, density: any Density, sigma: Double, grid: [Double], p: [Double], r: [Double]) {
        self.kind = kind
        self.sigma = sigma
        self.grid = grid
        self.p = p
        self.r = r
        let s2 = sigma * sigma
        score = zip(r, grid).map { ($0 - $1) / s2 }
        trueScore = grid.map { density.score(at: [$0])[0] }
        var num = 0.0, den = 0.0
        for i in grid.indices {
            let e = score[i] - trueScore[i]
            num += p[i] * e * e
            den += p[i]
        }
        error = (num / den).squareRoot()
    }

    /// The score estimate at x by linear interpolation between grid points; nil outside the grid.
    public func score(at x: Double) -> Double? {
        guard let first = grid.first, let last = grid.last, x >= first, x <= last else { return nil }
        let delta = (last - first) / Double(grid.count - 1)
        let i = min(Int((x - first) / delta), grid.count - 2)
        let f = (x - grid[i]) / delta
        return score[i] * (1 - f) + score[i + 1] * f
    }
}

/// A numerical request that cannot be met (bad argument, density of the wrong dimension ...), with a
/// message for the user.
public struct DensityError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A number for a message: 6 significant digits, whole numbers without a fraction (`3`, `0.002`).
func display(_ x: Double) -> String {
    guard x.isFinite, x != 0 else { return x == 0 ? "0" : "\(x)" }
    let scale = Double.pow(10, 5 - (Double.log(abs(x)) / Double.log(10)).rounded(.down))
    let rounded = (x * scale).rounded() / scale
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
    return "\(rounded)"
}
