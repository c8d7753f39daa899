import Foundation

/// The 10-D data of the paper's Figure 6 (§4.2; construction per NOTES.md): a density concentrated
/// along a smooth 1-d curve in 10-D, built as a chain of 25 elongated Gaussians.
///
/// Construction (the same in every process: it depends only on `constructionSeed`):
/// 1. With `Xoshiro256(seed: constructionSeed)`, for each coordinate i = 0 … 9 in turn draw
///    f_i = uniform(−1, 1) and then e_i = 1 + index(2) ∈ {1, 2}.
/// 2. The raw curve is γ(t)_i = sin(2π·f_i·t)^{e_i}, t ∈ [0, 1].
/// 3. Raw means m_k = γ(k/25), k = 0 … 25; component k = 0 … 24 has step v_k = m_{k+1} − m_k, standard
///    deviation ||v_k|| along v_k and 0.1·||v_k|| in the 9 directions across it, and weight 1/25.
/// 4. Everything is multiplied by one factor `scale`, chosen so that every component's mean ± 4
///    marginal standard deviations lies within [−1.5, 1.5] in every coordinate. The means μ_k are the
///    scaled m_k (k = 0 … 24), the curve is `point(t)` = scale·γ(t).
///
/// `draw` samples the mixture and redraws the rare point (p < 10⁻³) that falls outside the box
/// [−1.5, 1.5]¹⁰, so the data density is the mixture density times 1/Z on the box (Z = the mixture's
/// mass in the box): `logDensity` is off by the constant −log Z, and `score` is exact inside the box.
///
///     let m = Manifold10.standard
///     var rng = Xoshiro256(seed: 1)
///     let data = m.draw(1000, rng: &rng)       // 1000 × 10, values in [−1.5, 1.5]
///     m.nearest(to: data.row(0)).distance      // small: the data hugs the curve
///
/// Distances to the curve use a polyline through `polylineSize` evenly spaced values of t in [0, 1];
/// its chords are within about 1e-5 of the smooth curve, far below the spread of the data.
public struct Manifold10: DataCurve, Sendable {
    /// The seed of the construction: fixed, so the manifold is the same everywhere.
    public static let constructionSeed: UInt64 = 2014
    /// The number of Gaussians in the chain.
    public static let componentCount = 25
    /// The half-width of the box the data lies in.
    public static let bound = 1.5
    /// The number of points of the polyline used for distances.
    public static let polylineSize = 4001

    /// The manifold every builtin uses.
    public static let standard = Manifold10()

    /// f_i of the coordinates sin(2π·f_i·t)^{e_i}.
    public let frequencies: [Double]
    /// e_i ∈ {1, 2}.
    public let exponents: [Int]
    /// The factor applied to the raw curve and to the components (step 4).
    public let scale: Double
    /// The 25 component means, each of dimension 10.
    public let means: [[Double]]
    /// The unit direction u_k of each component's step to the next mean.
    public let directions: [[Double]]
    /// The standard deviation along u_k: ||v_k|| (scaled).
    public let sdAlong: [Double]
    /// The standard deviation across u_k: 0.1·||v_k|| (scaled).
    public let sdAcross: [Double]
    /// The mixture weights (all 1/25).
    public let weights: [Double]

    let polyline: [Double]        // polylineSize × 10, row-major
    let cumulative: [Double]      // arc length at each polyline vertex

    public var dimension: Int { 10 }
    public var parameterRange: ClosedRange<Double> { 0...1 }
    public var length: Double { cumulative[cumulative.count - 1] }

    public init() {
        let d = 10, k = Self.componentCount
        var rng = Xoshiro256(seed: Self.constructionSeed)
        var f = [Double](), e = [Int]()
        for _ in 0..<d {
            f.append(rng.uniform(-1, 1))
            e.append(1 + rng.index(2))
        }
        frequencies = f
        exponents = e
        func raw(_ t: Double) -> [Double] {
            (0..<d).map { i in
                let s = sin(2 * Double.pi * f[i] * t)
                return e[i] == 2 ? s * s : s
            }
        }
        let rawMeans = (0...k).map { raw(Double($0) / Double(k)) }
        var dirs = [[Double]](), along = [Double]()
        for c in 0..<k {
            let v = zip(rawMeans[c + 1], rawMeans[c]).map { $0 - $1 }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            dirs.append(v.map { $0 / norm })
            along.append(norm)
        }
        // Marginal variance of coordinate i: a²·u_i² + b²·(1 − u_i²) with a = ||v||, b = 0.1·||v||.
        var extent = 0.0
        for c in 0..<k {
            for i in 0..<d {
                let a = along[c], b = 0.1 * along[c], u = dirs[c][i]
                let sd = (a * a * u * u + b * b * (1 - u * u)).squareRoot()
                extent = max(extent, abs(rawMeans[c][i]) + 4 * sd)
            }
        }
        let s = Self.bound / extent
        scale = s
        means = rawMeans[0..<k].map { $0.map { s * $0 } }
        directions = dirs
        sdAlong = along.map { s * $0 }
        sdAcross = along.map { 0.1 * s * $0 }
        weights = [Double](repeating: 1 / Double(k), count: k)

        let m = Self.polylineSize
        var line = [Double](repeating: 0, count: m * d)
        for j in 0..<m {
            let p = raw(Double(j) / Double(m - 1))
            for i in 0..<d { line[j * d + i] = s * p[i] }
        }
        var cum = [Double](repeating: 0, count: m)
        for j in 1..<m {
            var sq = 0.0
            for i in 0..<d { let diff = line[j * d + i] - line[(j - 1) * d + i]; sq += diff * diff }
            cum[j] = cum[j - 1] + sq.squareRoot()
        }
        polyline = line
        cumulative = cum
    }

    // MARK: The curve

    /// The curve point scale·(sin(2π·f_i·t)^{e_i})_i, t ∈ [0, 1]; the means are point(k/25).
    public func point(_ t: Double) -> [Double] {
        (0..<10).map { i in
            let s = sin(2 * Double.pi * frequencies[i] * t)
            return scale * (exponents[i] == 2 ? s * s : s)
        }
    }

    /// The closest point of the polyline through the curve (see the type's documentation) to `x`.
    public func nearest(to x: [Double]) -> CurveProjection {
        precondition(x.count == 10, "manifold10 lives in 10-D")
        let d = 10, m = Self.polylineSize
        var best = Double.infinity, bestSegment = 0, bestFraction = 0.0
        polyline.withUnsafeBufferPointer { line in
            for j in 0..<(m - 1) {
                let a = j * d, b = a + d
                var dot = 0.0, len2 = 0.0
                for i in 0..<d {
                    let seg = line[b + i] - line[a + i]
                    dot += (x[i] - line[a + i]) * seg
                    len2 += seg * seg
                }
                let fraction = len2 > 0 ? min(max(dot / len2, 0), 1) : 0
                var dist2 = 0.0
                for i in 0..<d {
                    let p = line[a + i] + fraction * (line[b + i] - line[a + i])
                    dist2 += (x[i] - p) * (x[i] - p)
                }
                if dist2 < best { best = dist2; bestSegment = j; bestFraction = fraction }
            }
        }
        let a = bestSegment * d
        let p = (0..<d).map { polyline[a + $0] + bestFraction * (polyline[a + d + $0] - polyline[a + $0]) }
        let t = (Double(bestSegment) + bestFraction) / Double(m - 1)
        let s = cumulative[bestSegment] + bestFraction * (cumulative[bestSegment + 1] - cumulative[bestSegment])
        return CurveProjection(t: t, arcPosition: s, point: p, distance: best.squareRoot())
    }

    // MARK: The density

    /// The symmetric square root L_k of component k's covariance Σ_k = L_k·L_k (10 × 10, row-major):
    /// L = b·I + (a − b)·u·uᵀ with a = sdAlong[k], b = sdAcross[k], u = directions[k].
    public func covarianceFactor(_ k: Int) -> [Double] {
        lowRankPlusIdentity(diagonal: sdAcross[k], along: sdAlong[k] - sdAcross[k], direction: directions[k])
    }

    /// Σ_k = b²·I + (a² − b²)·u·uᵀ (10 × 10, row-major).
    public func covariance(_ k: Int) -> [Double] {
        let a = sdAlong[k], b = sdAcross[k]
        return lowRankPlusIdentity(diagonal: b * b, along: a * a - b * b, direction: directions[k])
    }

    /// Σ_k⁻¹ = b⁻²·I + (a⁻² − b⁻²)·u·uᵀ (10 × 10, row-major).
    public func precision(_ k: Int) -> [Double] {
        let a = sdAlong[k], b = sdAcross[k]
        return lowRankPlusIdentity(diagonal: 1 / (b * b), along: 1 / (a * a) - 1 / (b * b), direction: directions[k])
    }

    func lowRankPlusIdentity(diagonal: Double, along: Double, direction u: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: 100)
        for i in 0..<10 {
            for j in 0..<10 { out[i * 10 + j] = along * u[i] * u[j] + (i == j ? diagonal : 0) }
        }
        return out
    }

    /// log N(x; μ_k, Σ_k) for each component, with log|Σ_k| = 2·log a + 18·log b.
    func componentLogDensities(_ x: [Double]) -> [Double] {
        (0..<Self.componentCount).map { k in
            let a = sdAlong[k], b = sdAcross[k], u = directions[k]
            var r2 = 0.0, ur = 0.0
            for i in 0..<10 {
                let r = x[i] - means[k][i]
                r2 += r * r
                ur += u[i] * r
            }
            let q = ur * ur / (a * a) + (r2 - ur * ur) / (b * b)
            return -0.5 * q - 5 * log(2 * Double.pi) - log(a) - 9 * log(b)
        }
    }

    /// log Σ_k w_k·N(x; μ_k, Σ_k): the untruncated mixture (see the type's documentation).
    public func logDensity(_ x: [Double]) -> Double {
        let terms = componentLogDensities(x).enumerated().map { $0.element + log(weights[$0.offset]) }
        let top = terms.max()!
        return top + log(terms.reduce(0) { $0 + exp($1 - top) })
    }

    /// ∇ log p(x) = Σ_k π_k(x)·(−Σ_k⁻¹(x − μ_k)), π_k(x) the posterior responsibility of component k.
    public func score(_ x: [Double]) -> [Double] {
        let terms = componentLogDensities(x).enumerated().map { $0.element + log(weights[$0.offset]) }
        let top = terms.max()!
        let w = terms.map { exp($0 - top) }
        let total = w.reduce(0, +)
        var g = [Double](repeating: 0, count: 10)
        for k in 0..<Self.componentCount {
            let a = sdAlong[k], b = sdAcross[k], u = directions[k]
            let r = (0..<10).map { x[$0] - means[k][$0] }
            let ur = zip(u, r).reduce(0) { $0 + $1.0 * $1.1 }
            for i in 0..<10 {
                g[i] -= w[k] / total * (r[i] / (b * b) + (1 / (a * a) - 1 / (b * b)) * ur * u[i])
            }
        }
        return g
    }

    // MARK: Sampling

    /// n points of the data density: a component uniformly at random, then μ_k + L_k·z, z ~ N(0, I);
    /// a point outside [−1.5, 1.5]¹⁰ is redrawn (component and all).
    public func draw(_ n: Int, rng: inout Xoshiro256) -> Dataset {
        var data = Dataset(rows: n, dim: 10)
        var z = [Double](repeating: 0, count: 10)
        var x = [Double](repeating: 0, count: 10)
        for row in 0..<n {
            while true {
                let k = rng.index(Self.componentCount)
                let a = sdAlong[k], b = sdAcross[k], u = directions[k]
                var uz = 0.0
                for i in 0..<10 { z[i] = rng.normal(); uz += u[i] * z[i] }
                var inside = true
                for i in 0..<10 {
                    x[i] = means[k][i] + b * z[i] + (a - b) * uz * u[i]
                    if abs(x[i]) > Self.bound { inside = false }
                }
                if inside { break }
            }
            data.values.replaceSubrange(row * 10 ..< row * 10 + 10, with: x)
        }
        return data
    }
}
