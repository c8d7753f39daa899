/// The optimal DAE r*_σ of eq. (3) for a known density, as a vector field that can stand wherever a
/// trained auto-encoder does: its score (r* − x)/σ², its Jacobian, its directions.
///
/// Where p ∗ N(0, σ²I) has a closed form, r*(x) = x + σ²∇ log p_σ(x) and the Jacobian is exact,
/// I + σ²∇² log p_σ(x) (symmetric: the optimal field is conservative). Otherwise r* is the quadrature
/// of ``OptimalDAE`` and the Jacobian its central differences.
public final class OptimalReconstruction: ReconstructionField {
    public let density: any Density
    public let sigma: Double
    /// p ∗ N(0, σ²I), when it has a closed form.
    let smooth: (any Density)?

    /// Throws when σ ≤ 0 or when the density has neither a closed-form smoothing nor a quadrature grid
    /// fine enough for σ.
    public init(density: any Density, sigma: Double) throws {
        guard sigma > 0, sigma.isFinite else { throw DensityError("sigma must be > 0, got \(display(sigma))") }
        self.density = density
        self.sigma = sigma
        self.smooth = density.smoothed(by: sigma)
        if smooth == nil {   // check the quadrature can be done, once
            _ = try OptimalDAE.reconstruct(density: density, sigma: sigma,
                                           points: Dataset(rows: 1, dim: density.dim))
        }
    }

    public var dim: Int { density.dim }

    public var name: String { "optimal DAE of \(density.name), sigma \(sigma)" }

    public func reconstruct(_ points: Dataset, threads: Int) -> Dataset {
        // Cannot fail: the arguments were checked by init.
        try! OptimalDAE.reconstruct(density: density, sigma: sigma, points: points, threads: threads)
    }

    public func jacobian(at point: [Double]) -> [Double] {
        let d = dim
        if let smooth {
            var j = smooth.hessian(at: point).map { $0 * sigma * sigma }
            for i in 0..<d { j[i * d + i] += 1 }
            return j
        }
        var j = [Double](repeating: 0, count: d * d)
        for k in 0..<d {
            let h = 1e-5 * max(1, abs(point[k]), sigma)
            var plus = point, minus = point
            plus[k] += h; minus[k] -= h
            let rp = reconstruct(Dataset(rows: [plus]), threads: 1).row(0)
            let rm = reconstruct(Dataset(rows: [minus]), threads: 1).row(0)
            for i in 0..<d { j[i * d + k] = (rp[i] - rm[i]) / (2 * h) }
        }
        return j
    }
}
