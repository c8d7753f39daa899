import Foundation

/// The spiral of the paper's Figure 5 (§3.4): c(t) = (0.04·t·sin t, 0.04·t·cos t), t ∈ [3, 12]
/// (NOTES.md: the extracted text dropped the factor t). `spiral(n)` draws t ~ U(3, 12).
///
///     let spiral = SpiralCurve()
///     spiral.point(3)                       // [0.0169..., -0.1187...]
///     spiral.nearest(to: [0, 0]).distance   // 0.12: the inner end is the closest point
///     spiral.length                         // ≈ 2.7275
///
/// The nearest point is found robustly: the squared distance is evaluated on a dense table of the
/// curve (4096 points, at most 0.0011 apart in arc length), every local minimum of the table is
/// refined by golden-section search inside its bracket and then polished by Newton steps on
/// d/dt ||c(t) − x||² = 0, and the best refined minimum wins. The spiral makes about 1.4 turns, so a
/// point between the arms has two or three competing minima; all of them are refined.
public struct SpiralCurve: DataCurve, Sendable {
    /// The factor 0.04 of x = 0.04·t·sin t.
    public static let scale = 0.04
    /// The parameter range of the paper's data, t ~ U(3, 12).
    public static let tRange: ClosedRange<Double> = 3...12

    static let tableSize = 4096
    /// The curve sampled at `tableSize` evenly spaced t, as x0, y0, x1, y1, ...
    static let table: [Double] = {
        var out = [Double](repeating: 0, count: 2 * tableSize)
        for i in 0..<tableSize {
            let t = tableParameter(i)
            out[2 * i] = scale * t * sin(t)
            out[2 * i + 1] = scale * t * cos(t)
        }
        return out
    }()

    static func tableParameter(_ i: Int) -> Double {
        tRange.lowerBound + (tRange.upperBound - tRange.lowerBound) * Double(i) / Double(tableSize - 1)
    }

    public init() {}

    public var dimension: Int { 2 }
    public var parameterRange: ClosedRange<Double> { Self.tRange }

    /// The point (0.04·t·sin t, 0.04·t·cos t).
    public func point(_ t: Double) -> [Double] {
        [Self.scale * t * sin(t), Self.scale * t * cos(t)]
    }

    /// The derivative dc/dt = 0.04·(sin t + t·cos t, cos t − t·sin t); its norm is 0.04·√(1 + t²).
    public func derivative(_ t: Double) -> [Double] {
        let s = sin(t), c = cos(t)
        return [Self.scale * (s + t * c), Self.scale * (c - t * s)]
    }

    /// The unit tangent at t, pointing towards increasing t.
    public func tangent(_ t: Double) -> [Double] {
        let d = derivative(t)
        let norm = (d[0] * d[0] + d[1] * d[1]).squareRoot()
        return [d[0] / norm, d[1] / norm]
    }

    /// The unit normal at t: the tangent turned by +90°.
    public func normal(_ t: Double) -> [Double] {
        let u = tangent(t)
        return [-u[1], u[0]]
    }

    /// The arc length from t = 3 to t, in closed form: ∫ 0.04·√(1 + τ²) dτ
    /// = 0.02·[τ·√(1 + τ²) + asinh τ].
    public func arcLength(to t: Double) -> Double {
        Self.primitive(t) - Self.primitive(Self.tRange.lowerBound)
    }

    static func primitive(_ t: Double) -> Double {
        0.5 * scale * (t * (1 + t * t).squareRoot() + asinh(t))
    }

    /// The total arc length, ≈ 2.7275.
    public var length: Double { arcLength(to: Self.tRange.upperBound) }

    /// The parameter t whose arc length from the start is `s` (clamped to the curve), by Newton's method
    /// on the closed-form arc length (monotone and convex, so it converges from any start in range).
    public func parameter(atArcLength s: Double) -> Double {
        let target = min(max(s, 0), length)
        var t = Self.tRange.lowerBound + (Self.tRange.upperBound - Self.tRange.lowerBound) * target / length
        for _ in 0..<50 {
            let step = (arcLength(to: t) - target) / (Self.scale * (1 + t * t).squareRoot())
            t = min(max(t - step, Self.tRange.lowerBound), Self.tRange.upperBound)
            if abs(step) < 1e-15 * t { break }
        }
        return t
    }

    /// The closest point of the spiral to `x` (2-D), over t ∈ [3, 12] including the ends.
    public func nearest(to x: [Double]) -> CurveProjection {
        precondition(x.count == 2, "the spiral lives in 2-D")
        let px = x[0], py = x[1]
        let table = Self.table
        let m = Self.tableSize
        var d2 = [Double](repeating: 0, count: m)
        for i in 0..<m {
            let dx = table[2 * i] - px, dy = table[2 * i + 1] - py
            d2[i] = dx * dx + dy * dy
        }
        var bestT = Self.tRange.lowerBound
        var bestD2 = Double.infinity
        for i in 0..<m {
            let left = i > 0 ? d2[i - 1] : Double.infinity
            let right = i < m - 1 ? d2[i + 1] : Double.infinity
            guard d2[i] <= left && d2[i] <= right else { continue }
            let lo = Self.tableParameter(max(i - 1, 0)), hi = Self.tableParameter(min(i + 1, m - 1))
            let t = refine(px, py, lo, hi)
            let value = squaredDistance(px, py, t)
            if value < bestD2 { bestD2 = value; bestT = t }
        }
        let p = point(bestT)
        return CurveProjection(t: bestT, arcPosition: arcLength(to: bestT), point: p, distance: bestD2.squareRoot())
    }

    func squaredDistance(_ px: Double, _ py: Double, _ t: Double) -> Double {
        let dx = Self.scale * t * sin(t) - px, dy = Self.scale * t * cos(t) - py
        return dx * dx + dy * dy
    }

    /// Minimises ||c(t) − p||² on [lo, hi]: golden-section search (robust: needs only unimodality
    /// within the bracket, which the dense table guarantees), then Newton on g(t) = (c − p)·c′ = 0
    /// with g′ = |c′|² + (c − p)·c″, kept only while it stays in the bracket and lowers the distance.
    func refine(_ px: Double, _ py: Double, _ lo: Double, _ hi: Double) -> Double {
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = lo, b = hi
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var fc = squaredDistance(px, py, c), fd = squaredDistance(px, py, d)
        for _ in 0..<40 {
            if fc <= fd {
                b = d; d = c; fd = fc
                c = b - ratio * (b - a); fc = squaredDistance(px, py, c)
            } else {
                a = c; c = d; fc = fd
                d = a + ratio * (b - a); fd = squaredDistance(px, py, d)
            }
        }
        // The ends of the bracket compete too: the minimum may sit on the curve's end.
        var t = fc <= fd ? c : d
        var best = min(fc, fd)
        for end in [lo, hi] {
            let value = squaredDistance(px, py, end)
            if value < best { best = value; t = end }
        }
        for _ in 0..<6 {
            let s = sin(t), co = cos(t), k = Self.scale
            let rx = k * t * s - px, ry = k * t * co - py
            let d1x = k * (s + t * co), d1y = k * (co - t * s)
            let d2x = k * (2 * co - t * s), d2y = k * (-2 * s - t * co)
            let g = rx * d1x + ry * d1y
            let gPrime = d1x * d1x + d1y * d1y + rx * d2x + ry * d2y
            guard gPrime > 0 else { break }
            let next = t - g / gPrime
            guard next >= lo && next <= hi else { break }
            let value = squaredDistance(px, py, next)
            guard value <= best else { break }
            if next == t { break }
            t = next; best = value
        }
        return t
    }
}
