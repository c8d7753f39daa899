import RealModule

/// A probability density known exactly: the ground truth that auto-encoder estimates are compared with.
///
/// Every density gives log p (normalised: analytically where the normaliser is known, by quadrature
/// otherwise), its score ∇ log p, its Hessian ∇² log p and exact samples. As an ``EnergyField`` it
/// plugs into samplers and diagnostics with E(x) = −log p(x).
///
///     let p = Normal(mean: [0, 0], sd: [1])
///     p.logp([0, 0])          // −log 2π
///     p.score(at: [1, 0])     // [−1, 0]
public protocol Density: EnergyField {
    /// What the density is, for summaries: "normal", "energy1d", "spiral(noise 0.05)" ...
    var name: String { get }
    /// log p(x), normalised.
    func logp(_ x: [Double]) -> Double
    /// The score ∇ log p(x).
    func score(at x: [Double]) -> [Double]
    /// ∇² log p(x), d × d, row-major.
    func hessian(at x: [Double]) -> [Double]
    /// `n` independent draws from p, as rows.
    func draw(_ n: Int, rng: inout Xoshiro256) -> Dataset
    /// The density of x + ε, ε ~ N(0, σ²I), when it has a closed form; nil otherwise.
    ///
    /// Tweedie's formula turns it into the optimal DAE of eq. (3):
    /// r*_σ(x) = x + σ² ∇ log (p ∗ N(0, σ²I))(x).
    func smoothed(by sigma: Double) -> (any Density)?
    /// log p tabulated on a grid over a box holding all but a negligible part of the mass, for
    /// quadrature in 1-D and 2-D (nil when the density offers none).
    var quadratureGrid: QuadratureGrid? { get }
    /// False when the density must not be evaluated from several threads at once (a density defined
    /// by a script's function).
    var isThreadSafe: Bool { get }
}

extension Density {
    public func smoothed(by sigma: Double) -> (any Density)? { nil }
    public var quadratureGrid: QuadratureGrid? { nil }
    public var isThreadSafe: Bool { true }

    /// E(x) = −log p(x).
    public func energy(at x: [Double]) -> Double { -logp(x) }

    public func energy(_ points: Dataset, threads: Int) -> [Double] {
        precondition(points.dim == dim, "points of dimension \(points.dim) for a \(dim)-D density")
        return mapRows(points, threads: threads, width: 1) { [energy(at: $0)] }.values
    }

    public func score(_ points: Dataset, threads: Int) -> Dataset {
        precondition(points.dim == dim, "points of dimension \(points.dim) for a \(dim)-D density")
        return mapRows(points, threads: threads, width: dim) { score(at: $0) }
    }

    /// log p at each row of `points`.
    public func logp(_ points: Dataset, threads: Int = 1) -> [Double] {
        precondition(points.dim == dim, "points of dimension \(points.dim) for a \(dim)-D density")
        return mapRows(points, threads: threads, width: 1) { [logp($0)] }.values
    }

    /// Applies `f` to every row in fixed blocks of 256 rows, in parallel when the density allows it.
    func mapRows(_ points: Dataset, threads: Int, width: Int, _ f: ([Double]) -> [Double]) -> Dataset {
        let blockSize = 256
        let blocks = (points.n + blockSize - 1) / blockSize
        var out = [Double](repeating: 0, count: points.n * width)
        out.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            parallelBlocks(blocks, threads: isThreadSafe ? threads : 1) { b in
                for i in b * blockSize ..< min(points.n, (b + 1) * blockSize) {
                    let y = f(points.row(i))
                    for k in 0..<width { base[i * width + k] = y[k] }
                }
            }
        }
        return Dataset(rows: points.n, dim: width, values: out)
    }
}

/// log p(x) on a regular grid over a box (1-D or 2-D): the quadrature nodes for normalisers, for the
/// optimal DAE of densities without a closed-form smoothing, and for grid sampling.
public struct QuadratureGrid {
    /// The nodes along each axis, evenly spaced.
    public let axes: [[Double]]
    /// log p at the nodes, the first axis varying slowest.
    public let logp: [Double]

    public init(axes: [[Double]], logp: [Double]) {
        precondition(logp.count == axes.reduce(1) { $0 * $1.count })
        self.axes = axes
        self.logp = logp
    }

    /// The spacing along axis k.
    public func spacing(_ k: Int) -> Double { axes[k][1] - axes[k][0] }

    /// The node with flat index `index`.
    public func node(_ index: Int) -> [Double] {
        if axes.count == 1 { return [axes[0][index]] }
        let n1 = axes[1].count
        return [axes[0][index / n1], axes[1][index % n1]]
    }
}

/// log Σ exp(values), without overflow or underflow.
@inline(__always)
func logSumExp(_ values: [Double]) -> Double {
    guard let top = values.max(), top > -Double.infinity else { return -Double.infinity }
    var sum = 0.0
    for v in values { sum += Double.exp(v - top) }
    return top + Double.log(sum)
}
