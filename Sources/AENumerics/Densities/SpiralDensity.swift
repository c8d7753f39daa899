import RealModule

/// The spiral of the paper's Figure 5 smoothed by isotropic Gaussian noise, so that it has a true score:
///
///     p(x) = (1/9) ∫₃¹² N(x; c(t), noise²·I) dt,   c(t) = 0.04·t·(sin t, cos t).
///
/// The integral over t is the midpoint rule on nodes close enough that neighbouring centres are at most
/// noise/4 apart (the curve's speed is at most 0.04·√(1 + 12²)), so the sum is as smooth as the
/// integral. With responsibilities w_j(x) ∝ N(x; c(t_j), noise²I) (summed by log-sum-exp):
/// score = Σ w_j d_j, Hessian = −I/noise² + Σ w_j d_j d_jᵀ − score·scoreᵀ, d_j = (c(t_j) − x)/noise².
public final class SpiralDensity: Density {
    public let dim = 2
    public let noise: Double
    public static let tRange: ClosedRange<Double> = 3...12
    public static let scale = 0.04
    let cx: [Double]
    let cy: [Double]
    let logNormaliser: Double

    /// The largest number of quadrature nodes in t (reached for noise below about 1e-4).
    public static let maxNodes = 200_000

    public init(noise: Double) {
        precondition(noise > 0 && noise.isFinite)
        self.noise = noise
        let span = SpiralDensity.tRange.upperBound - SpiralDensity.tRange.lowerBound
        let maxSpeed = SpiralDensity.scale * (1 + 144.0).squareRoot()
        let nodes = min(SpiralDensity.maxNodes, max(200, Int((span * maxSpeed / (noise / 4)).rounded(.up))))
        let dt = span / Double(nodes)
        let ts = (0..<nodes).map { SpiralDensity.tRange.lowerBound + (Double($0) + 0.5) * dt }
        cx = ts.map { SpiralDensity.scale * $0 * Double.sin($0) }
        cy = ts.map { SpiralDensity.scale * $0 * Double.cos($0) }
        logNormaliser = -Double.log(Double(nodes)) - Double.log(2 * Double.pi * noise * noise)
    }

    public var name: String { "spiral(noise \(noise))" }

    /// The point of the curve at t.
    public static func curve(_ t: Double) -> [Double] { [scale * t * Double.sin(t), scale * t * Double.cos(t)] }

    /// −‖x − c_j‖²/(2·noise²) for every node.
    func logKernels(_ x: [Double]) -> [Double] {
        let k = -0.5 / (noise * noise)
        return (0..<cx.count).map { j in
            let dx = x[0] - cx[j], dy = x[1] - cy[j]
            return k * (dx * dx + dy * dy)
        }
    }

    public func logp(_ x: [Double]) -> Double { logSumExp(logKernels(x)) + logNormaliser }

    /// Σ w_j d_j and Σ w_j d_j d_jᵀ (upper triangle: xx, xy, yy).
    func moments(_ x: [Double]) -> (mean: (Double, Double), second: (Double, Double, Double)) {
        let logs = logKernels(x)
        let top = logs.max()!
        var total = 0.0, mx = 0.0, my = 0.0, sxx = 0.0, sxy = 0.0, syy = 0.0
        let inv = 1 / (noise * noise)
        for j in 0..<logs.count {
            let w = Double.exp(logs[j] - top)
            if w == 0 { continue }
            let dx = (cx[j] - x[0]) * inv, dy = (cy[j] - x[1]) * inv
            total += w; mx += w * dx; my += w * dy
            sxx += w * dx * dx; sxy += w * dx * dy; syy += w * dy * dy
        }
        return ((mx / total, my / total), (sxx / total, sxy / total, syy / total))
    }

    public func score(at x: [Double]) -> [Double] {
        let m = moments(x).mean
        return [m.0, m.1]
    }

    public func hessian(at x: [Double]) -> [Double] {
        let (m, s) = moments(x)
        let inv = 1 / (noise * noise)
        let xy = s.1 - m.0 * m.1
        return [s.0 - m.0 * m.0 - inv, xy, xy, s.2 - m.1 * m.1 - inv]
    }

    /// Exact draws: t ~ U(3, 12), x = c(t) + noise·z.
    public func draw(_ n: Int, rng: inout Xoshiro256) -> Dataset {
        var out = Dataset(rows: n, dim: 2)
        for r in 0..<n {
            let t = rng.uniform(SpiralDensity.tRange.lowerBound, SpiralDensity.tRange.upperBound)
            out[r, 0] = SpiralDensity.scale * t * Double.sin(t) + noise * rng.normal()
            out[r, 1] = SpiralDensity.scale * t * Double.cos(t) + noise * rng.normal()
        }
        return out
    }

    /// The same spiral with noise √(noise² + σ²).
    public func smoothed(by sigma: Double) -> (any Density)? {
        SpiralDensity(noise: (noise * noise + sigma * sigma).squareRoot())
    }
}
