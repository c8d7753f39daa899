import RealModule

/// A finite mixture Σ_k w_k p_k(x) of densities of one dimension.
///
/// With responsibilities γ_k(x) = w_k p_k(x) / p(x), the score is Σ γ_k s_k and the Hessian
/// Σ γ_k (H_k + s_k s_kᵀ) − s sᵀ (s_k, H_k the components' score and Hessian, s the mixture's score).
///
///     Mixture(components: [Normal(mean: [-1], sd: [0.3]), Normal(mean: [1], sd: [0.3])], weights: [1, 3])
public final class Mixture: Density {
    public let dim: Int
    public let components: [any Density]
    /// The weights, normalised to sum to 1.
    public let weights: [Double]
    let logWeights: [Double]
    /// Cumulative weights, for drawing a component.
    let cumulative: [Double]
    public let name: String

    /// `weights` (defaults to equal) must be ≥ 0 with a positive sum, one per component.
    public init(components: [any Density], weights: [Double]? = nil, name: String = "mixture") {
        precondition(!components.isEmpty && components.allSatisfy { $0.dim == components[0].dim })
        let raw = weights ?? [Double](repeating: 1, count: components.count)
        precondition(raw.count == components.count && raw.allSatisfy { $0 >= 0 && $0.isFinite })
        let total = raw.reduce(0, +)
        precondition(total > 0)
        self.dim = components[0].dim
        self.components = components
        self.weights = raw.map { $0 / total }
        self.logWeights = self.weights.map { Double.log($0) }
        var c = 0.0
        self.cumulative = self.weights.map { c += $0; return c }
        self.name = name
    }

    public var isThreadSafe: Bool { components.allSatisfy { $0.isThreadSafe } }

    /// log w_k + log p_k(x) for every component.
    func logTerms(_ x: [Double]) -> [Double] {
        (0..<components.count).map { logWeights[$0] + components[$0].logp(x) }
    }

    public func logp(_ x: [Double]) -> Double { logSumExp(logTerms(x)) }

    /// The responsibilities γ_k(x).
    public func responsibilities(_ x: [Double]) -> [Double] {
        let terms = logTerms(x)
        let total = logSumExp(terms)
        return terms.map { $0 == -Double.infinity ? 0 : Double.exp($0 - total) }
    }

    public func score(at x: [Double]) -> [Double] {
        let gamma = responsibilities(x)
        var s = [Double](repeating: 0, count: dim)
        for (k, g) in gamma.enumerated() where g > 0 {
            let sk = components[k].score(at: x)
            for i in 0..<dim { s[i] += g * sk[i] }
        }
        return s
    }

    public func hessian(at x: [Double]) -> [Double] {
        let gamma = responsibilities(x)
        var h = [Double](repeating: 0, count: dim * dim)
        var s = [Double](repeating: 0, count: dim)
        for (k, g) in gamma.enumerated() where g > 0 {
            let sk = components[k].score(at: x)
            let hk = components[k].hessian(at: x)
            for i in 0..<dim {
                s[i] += g * sk[i]
                for j in 0..<dim { h[i * dim + j] += g * (hk[i * dim + j] + sk[i] * sk[j]) }
            }
        }
        for i in 0..<dim { for j in 0..<dim { h[i * dim + j] -= s[i] * s[j] } }
        return h
    }

    public func draw(_ n: Int, rng: inout Xoshiro256) -> Dataset {
        var out = Dataset(rows: n, dim: dim)
        for r in 0..<n {
            let u = rng.uniform()
            let k = cumulative.firstIndex { u < $0 } ?? (components.count - 1)
            out.setRow(r, components[k].draw(1, rng: &rng).row(0))
        }
        return out
    }

    /// The mixture of the smoothed components, when every component has one.
    public func smoothed(by sigma: Double) -> (any Density)? {
        var smooth = [any Density]()
        for c in components {
            guard let s = c.smoothed(by: sigma) else { return nil }
            smooth.append(s)
        }
        return Mixture(components: smooth, weights: weights, name: name)
    }
}
