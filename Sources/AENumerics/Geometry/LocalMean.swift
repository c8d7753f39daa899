import RealModule

/// The local mean of Theorem 3 (appendix §6.4): m_δ(x) = E[y | y ~ p, ‖y − x‖ < δ], which satisfies
/// m_δ(x) = x + δ²/(d + 2)·∇ log p(x) + o(δ³).
public enum LocalMean {
    /// m_δ(x) by quadrature: in 1-D, Gauss–Legendre on [x − δ, x + δ] (8 panels of 16 nodes); in 2-D,
    /// polar coordinates — Gauss–Legendre in the radius (32 nodes, the Jacobian ρ included) and the
    /// trapezoidal rule in the angle (64 nodes, spectrally accurate for a periodic integrand).
    public static func quadrature(density: any Density, at x: [Double], delta: Double) -> [Double] {
        precondition(x.count == density.dim && (x.count == 1 || x.count == 2) && delta > 0)
        let base = density.logp(x)
        var total = 0.0
        var mean = [Double](repeating: 0, count: x.count)
        func add(_ y: [Double], _ weight: Double) {
            let w = weight * Double.exp(density.logp(y) - base)   // p(y)/p(x): no underflow near x
            total += w
            for a in y.indices { mean[a] += w * y[a] }
        }
        let rule = GaussLegendre.rule(16)
        if x.count == 1 {
            let panels = 8
            let width = 2 * delta / Double(panels)
            for panel in 0..<panels {
                let lo = x[0] - delta + Double(panel) * width
                for (node, w) in zip(rule.nodes, rule.weights) {
                    add([lo + (node + 1) / 2 * width], w * width / 2)
                }
            }
        } else {
            let radial = GaussLegendre.rule(32)
            let angles = 64
            for (node, w) in zip(radial.nodes, radial.weights) {
                let rho = (node + 1) / 2 * delta
                for k in 0..<angles {
                    let theta = 2 * Double.pi * Double(k) / Double(angles)
                    add([x[0] + rho * Double.cos(theta), x[1] + rho * Double.sin(theta)], w * rho)
                }
            }
        }
        return mean.map { $0 / total }
    }

    /// m_δ(x) by Monte Carlo in any dimension: `samples` points uniform in the ball, in antithetic pairs
    /// (y, 2x − y) so that the zeroth-order term cancels exactly and the estimate's noise is of the order
    /// of the δ² effect, not of δ; weights p(y)/p(x), self-normalised. Seeded: same seed, same answer.
    public static func monteCarlo(density: any Density, at x: [Double], delta: Double,
                                  samples: Int = 100_000, seed: UInt64) -> [Double] {
        precondition(x.count == density.dim && delta > 0 && samples >= 2)
        let d = x.count
        var rng = Xoshiro256(seed: seed)
        let base = density.logp(x)
        var total = 0.0
        var mean = [Double](repeating: 0, count: d)
        var u = [Double](repeating: 0, count: d)
        for _ in 0..<(samples / 2) {
            // A uniform point of the ball: a uniform direction and a radius δ·U^(1/d).
            var norm = 0.0
            for a in 0..<d { u[a] = rng.normal(); norm += u[a] * u[a] }
            let radius = delta * Double.pow(rng.uniform(), 1 / Double(d)) / norm.squareRoot()
            for sign in [1.0, -1.0] {
                let y = (0..<d).map { x[$0] + sign * radius * u[$0] }
                let w = Double.exp(density.logp(y) - base)
                total += w
                for a in 0..<d { mean[a] += w * (y[a] - x[a]) }
            }
        }
        return (0..<d).map { x[$0] + mean[$0] / total }
    }
}

/// Gauss–Legendre nodes and weights on [−1, 1], by Newton's method on the Legendre polynomial.
public enum GaussLegendre {
    public static func rule(_ n: Int) -> (nodes: [Double], weights: [Double]) {
        var nodes = [Double](repeating: 0, count: n), weights = nodes
        for i in 0..<n {
            var z = Double.cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = 0.0
                for k in 1...n {   // P_k by the three-term recurrence
                    let p2 = p1
                    p1 = p0
                    p0 = ((2 * Double(k) - 1) * z * p1 - (Double(k) - 1) * p2) / Double(k)
                }
                derivative = Double(n) * (z * p0 - p1) / (z * z - 1)
                let step = p0 / derivative
                z -= step
                if abs(step) < 1e-15 { break }
            }
            nodes[i] = -z
            weights[i] = 2 / ((1 - z * z) * derivative * derivative)
        }
        return (nodes, weights)
    }
}
