/// Anything that gives ∇ log p at points: a trained auto-encoder's estimate (r(x) − x)/σ² (paper eq. 5)
/// or a density's exact score. Samplers, diagnostics and plots work with this, whatever the source.
public protocol ScoreField: AnyObject {
    /// The dimension of the points.
    var dim: Int { get }
    /// The score at each row of `points`, as rows of the result. `threads` as in ``parallelBlocks``;
    /// the result never depends on it.
    func score(_ points: Dataset, threads: Int) -> Dataset
}

/// A density known exactly up to its normaliser: the ground truth the estimates are compared with.
public protocol EnergyField: ScoreField {
    /// E(x) = −log p(x) + const at each row of `points`.
    func energy(_ points: Dataset, threads: Int) -> [Double]
}

/// An auto-encoder seen as a vector field: r(x), its Jacobian, and the noise level it was trained with.
public protocol ReconstructionField: ScoreField {
    /// The corruption (DAE) or contraction (RCAE) scale σ that turns r(x) − x into a score.
    var sigma: Double { get }
    /// r(x) at each row of `points`.
    func reconstruct(_ points: Dataset, threads: Int) -> Dataset
    /// ∂r/∂x at one point, d × d, row-major (row i holds ∂r_i/∂x_j).
    func jacobian(at point: [Double]) -> [Double]
}

extension ReconstructionField {
    /// (r(x) − x)/σ², the paper's estimator of ∇ log p (eq. 5).
    public func score(_ points: Dataset, threads: Int) -> Dataset {
        var r = reconstruct(points, threads: threads)
        let scale = 1 / (sigma * sigma)
        for k in r.values.indices { r.values[k] = (r.values[k] - points.values[k]) * scale }
        return r
    }
}
