#if canImport(Glibc)
import Glibc
#endif

/// How the path integral of eq. (12) is discretised on the straight segment from x to x*.
///
/// E(x*) − E(x) = ∫₀¹ ∇E(x + t·Δ)·Δ dt with Δ = x* − x, and ∇E = −score, so every rule approximates
/// ΔE ≈ −Σₖ wₖ · score(x + tₖ·Δ)·Δ with nodes tₖ ∈ [0, 1] and weights wₖ summing to 1.
public enum PathRule: String, CaseIterable, Sendable {
    /// n evenly spaced points at the midpoints of n equal sub-segments, tₖ = (k + ½)/n, weights 1/n:
    /// the composite midpoint rule. Endpoints are NOT included. Exact for a quadratic energy (a linear
    /// score) and second-order accurate in general. This is the default reading of the paper's
    /// "20 evenly spaced points" (the authors' code averages the score at 20 evenly spaced points).
    case even
    /// Gauss–Legendre nodes and weights mapped to [0, 1]: exact for polynomial integrands of degree
    /// 2n − 1, so a smooth score needs far fewer points than `even` for the same accuracy.
    case gauss
    /// Eq. (13) to the letter: n evenly spaced points from x₁ = x to xₙ = x*, endpoints included, each
    /// weighted 1/n. Only first-order accurate (equal weights on the endpoints bias it); kept for
    /// comparison with the paper.
    case endpoints
}

/// Nodes and weights on [0, 1] for one ``PathRule``.
///
///     let q = PathQuadrature(rule: .gauss, points: 3)
///     q.nodes      // [0.1127…, 0.5, 0.8873…]
///     q.weights    // [5/18, 8/18, 5/18]
public struct PathQuadrature: Sendable, Equatable {
    public let rule: PathRule
    public let nodes: [Double]
    public let weights: [Double]

    /// `points` ≥ 1 (≥ 2 for `endpoints`, which needs both ends).
    public init(rule: PathRule, points: Int) {
        precondition(points >= 1 && (rule != .endpoints || points >= 2))
        self.rule = rule
        switch rule {
        case .even:
            nodes = (0..<points).map { (Double($0) + 0.5) / Double(points) }
            weights = [Double](repeating: 1 / Double(points), count: points)
        case .endpoints:
            nodes = (0..<points).map { Double($0) / Double(points - 1) }
            weights = [Double](repeating: 1 / Double(points), count: points)
        case .gauss:
            let (x, w) = gaussLegendre(points)
            nodes = x.map { ($0 + 1) / 2 }
            weights = w.map { $0 / 2 }
        }
    }

    public var count: Int { nodes.count }

    /// Whether the nodes are evenly spaced (`even` and `endpoints`), so that tₘ = t₀ + m·(t₁ − t₀).
    public var isEvenlySpaced: Bool { rule != .gauss }
}

/// Gauss–Legendre nodes (ascending) and weights on [−1, 1], by Newton's method on Pₙ with the
/// three-term recurrence; converges to machine precision in a few iterations from Tricomi's guess.
func gaussLegendre(_ n: Int) -> (nodes: [Double], weights: [Double]) {
    var x = [Double](repeating: 0, count: n)
    var w = [Double](repeating: 0, count: n)
    for i in 0..<(n + 1) / 2 {
        var z = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
        var derivative = 0.0
        for _ in 0..<100 {
            // p1 = Pₙ(z), p0 = Pₙ₋₁(z) after the recurrence.
            var p0 = 1.0, p1 = z
            for k in stride(from: 2, through: n, by: 1) {
                let pk = ((2 * Double(k) - 1) * z * p1 - (Double(k) - 1) * p0) / Double(k)
                p0 = p1; p1 = pk
            }
            derivative = Double(n) * (z * p1 - p0) / (z * z - 1)
            let step = p1 / derivative
            z -= step
            if abs(step) < 1e-16 { break }
        }
        x[i] = -z
        x[n - 1 - i] = z
        let weight = 2 / ((1 - z * z) * derivative * derivative)
        w[i] = weight
        w[n - 1 - i] = weight
    }
    return (x, w)
}
