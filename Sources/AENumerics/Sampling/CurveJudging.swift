/// How close samples stay to a built-in data curve and how much of it they cover (Figure 6's question:
/// did the chain stay on the manifold, and did it travel along all of it?).
public enum CurveJudging {
    /// The curve a built-in dataset concentrates on, by name: "spiral" or "manifold10".
    public static func curve(named name: String) -> (any DataCurve)? {
        switch name {
        case "spiral": return SpiralCurve()
        case "manifold10": return Manifold10.standard
        default: return nil
        }
    }

    /// The projection of every row onto the curve (in fixed blocks; identical for any thread count).
    public static func project(_ samples: Dataset, onto curve: any DataCurve, threads: Int = 0) -> [CurveProjection] {
        precondition(samples.dim == curve.dimension)
        var out = [CurveProjection?](repeating: nil, count: samples.n)
        let blockRows = 64
        let blocks = (samples.n + blockRows - 1) / blockRows
        out.withUnsafeMutableBufferPointer { o in
            parallelBlocks(blocks, threads: threads) { block in
                for i in block * blockRows ..< min(samples.n, (block + 1) * blockRows) {
                    o[i] = curve.nearest(to: samples.row(i))
                }
            }
        }
        return out.map { $0! }
    }

    /// The arc-length position of every row's closest curve point: 0 at the curve's start, `length` at
    /// its end. Along a 1-d curve this is the one coordinate that says where a sample is, so a chain's
    /// positions show whether it travelled, and their R̂ and ESS whether chains mixed along the curve.
    public static func positions(_ samples: Dataset, on curve: any DataCurve, threads: Int = 0) -> [Double] {
        project(samples, onto: curve, threads: threads).map(\.arcPosition)
    }

    /// The distance of every row to the curve.
    public static func distances(_ samples: Dataset, to curve: any DataCurve, threads: Int = 0) -> [Double] {
        project(samples, onto: curve, threads: threads).map(\.distance)
    }

    /// The fraction of the curve's arc length that has a sample nearby: the curve is cut into `bins`
    /// pieces of equal arc length, and a piece counts as covered when at least one sample within `radius`
    /// of the curve projects onto it. `radius` nil: one bin's length (length / bins).
    public static func coverage(_ samples: Dataset, of curve: any DataCurve, bins: Int = 100, radius: Double? = nil,
                                threads: Int = 0) -> Double {
        precondition(bins >= 1)
        let length = curve.length
        let near = radius ?? length / Double(bins)
        var covered = [Bool](repeating: false, count: bins)
        for p in project(samples, onto: curve, threads: threads) where p.distance <= near {
            covered[min(bins - 1, max(0, Int(p.arcPosition / length * Double(bins))))] = true
        }
        return Double(covered.filter { $0 }.count) / Double(bins)
    }
}
