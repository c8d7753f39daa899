import RealModule

/// The exact optimal DAE reconstruction r*_σ of eq. (3) for a known density:
///
///     r*_σ(x) = E_ε[p(x − ε)(x − ε)] / E_ε[p(x − ε)],   ε ~ N(0, σ²I).
///
/// Where p ∗ N(0, σ²I) has a closed form (normals, their mixtures, the spiral) this is Tweedie's formula
/// r*_σ(x) = x + σ² ∇ log (p ∗ N(0, σ²I))(x), exact. Otherwise (energy1d, energy-defined densities) the
/// expectation is the trapezoidal rule over the density's quadrature grid, log-weighted, restricted to
/// the nodes within 10σ of x; this needs σ of at least two grid spacings, where the rule is accurate to
/// about exp(−2π²σ²/h²) in the Gaussian factor.
public enum OptimalDAE {
    /// How r* is computed for a density.
    public enum Method: String { case tweedie, quadrature }

    /// The method used for `density`: Tweedie's formula when a smoothing exists, else quadrature.
    public static func method(for density: any Density, sigma: Double) -> Method? {
        if density.smoothed(by: sigma) != nil { return .tweedie }
        if density.quadratureGrid != nil { return .quadrature }
        return nil
    }

    /// r*_σ at every row of `points`. `forceQuadrature` uses the grid even when a closed form exists
    /// (to test one against the other).
    public static func reconstruct(density: any Density, sigma: Double, points: Dataset,
                                   threads: Int = 1, forceQuadrature: Bool = false) throws -> Dataset {
        guard sigma > 0, sigma.isFinite else { throw DensityError("sigma must be > 0, got \(display(sigma))") }
        guard points.dim == density.dim else {
            throw DensityError("points of dimension \(points.dim) for a \(density.dim)-D density")
        }
        if !forceQuadrature, let smooth = density.smoothed(by: sigma) {
            var r = smooth.score(points, threads: threads)
            for k in r.values.indices { r.values[k] = points.values[k] + sigma * sigma * r.values[k] }
            return r
        }
        guard let grid = density.quadratureGrid else {
            throw DensityError("no closed form or quadrature grid for the optimal DAE of this density")
        }
        let finest = (0..<grid.axes.count).map { grid.spacing($0) }.max()!
        guard sigma >= 2 * finest else {
            throw DensityError("sigma must be at least \(display(2 * finest)) (twice the quadrature grid's spacing) for this density, got \(display(sigma))")
        }
        var out = Dataset(rows: points.n, dim: points.dim)
        for i in 0..<points.n { out.setRow(i, quadrature(grid, sigma: sigma, at: points.row(i))) }
        return out
    }

    /// Σ_j w_j p_j φ_σ(x − y_j) y_j / Σ_j w_j p_j φ_σ(x − y_j) over grid nodes y_j within 10σ of x
    /// along every axis (trapezoid weights w_j; a product over axes in 2-D).
    static func quadrature(_ grid: QuadratureGrid, sigma: Double, at x: [Double]) -> [Double] {
        let d = grid.axes.count
        let k = -0.5 / (sigma * sigma)
        // The window of node indices along each axis; the whole axis when x is more than 10σ outside
        // the grid (then the nearest mass, however faint, decides r*, and the log weights keep it).
        let windows: [ClosedRange<Int>] = (0..<d).map { a in
            let axis = grid.axes[a], h = grid.spacing(a)
            let lo = Int(((x[a] - 10 * sigma - axis[0]) / h).rounded(.down))
            let hi = Int(((x[a] + 10 * sigma - axis[0]) / h).rounded(.up))
            if lo > axis.count - 1 || hi < 0 { return 0...(axis.count - 1) }
            return max(0, lo)...min(axis.count - 1, hi)
        }
        // Two passes over the window: the largest log-weight, then the weighted sums relative to it
        // (so that small σ neither underflows nor divides 0 by 0).
        let half = Double.log(0.5)
        func trapezoid(_ i: Int, _ n: Int) -> Double { i == 0 || i == n - 1 ? half : 0 }
        var top = -Double.infinity
        var total = 0.0
        var mean = [Double](repeating: 0, count: d)
        if d == 1 {
            let axis = grid.axes[0], n = axis.count
            func logWeight(_ i: Int) -> Double {
                let dx = x[0] - axis[i]
                return grid.logp[i] + k * dx * dx + trapezoid(i, n)
            }
            for i in windows[0] { top = max(top, logWeight(i)) }
            guard top > -Double.infinity else { return x }   // no mass near x: r* is undefined; keep x
            for i in windows[0] {
                let w = Double.exp(logWeight(i) - top)
                total += w
                mean[0] += w * axis[i]
            }
        } else {
            let ax = grid.axes[0], ay = grid.axes[1]
            func logWeight(_ i: Int, _ j: Int) -> Double {
                let dx = x[0] - ax[i], dy = x[1] - ay[j]
                return grid.logp[i * ay.count + j] + k * (dx * dx + dy * dy) + trapezoid(i, ax.count) + trapezoid(j, ay.count)
            }
            for i in windows[0] { for j in windows[1] { top = max(top, logWeight(i, j)) } }
            guard top > -Double.infinity else { return x }
            for i in windows[0] {
                for j in windows[1] {
                    let w = Double.exp(logWeight(i, j) - top)
                    total += w
                    mean[0] += w * ax[i]
                    mean[1] += w * ay[j]
                }
            }
        }
        return mean.map { $0 / total }
    }
}
