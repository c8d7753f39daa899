import Foundation

/// A vector field: an arrow (u, v) at each point (x, y), e.g. r(x) − x over a grid (Figure 5).
///
/// Arrows are rescaled so that the longest is `0.9` grid spacings long. Near a manifold the vectors are
/// tiny, so `scaling: .logMagnitude` maps lengths through log10 over three decades, and `colorByMagnitude`
/// colours each arrow by its log-magnitude (viridis).
public struct Quiver: Equatable {
    public enum Scaling: String, Equatable, CaseIterable {
        /// Length proportional to |(u, v)|.
        case linear
        /// Length grows with log10 |(u, v)| over three decades below the largest; smaller ones stay short.
        case logMagnitude = "log"
    }

    public var xs: [Double]
    public var ys: [Double]
    public var us: [Double]
    public var vs: [Double]
    public var label: String?
    public var color: RGB?
    public var scaling: Scaling
    public var colorByMagnitude: Bool

    public init(xs: [Double], ys: [Double], us: [Double], vs: [Double], label: String? = nil, color: RGB? = nil,
                scaling: Scaling = .linear, colorByMagnitude: Bool = false) {
        precondition(xs.count == ys.count && xs.count == us.count && xs.count == vs.count)
        self.xs = xs; self.ys = ys; self.us = us; self.vs = vs
        self.label = label; self.color = color; self.scaling = scaling; self.colorByMagnitude = colorByMagnitude
    }

    /// One arrow as drawn, in data units: from (x, y) to (tipX, tipY); `level` in [0, 1] is its
    /// log-magnitude relative to the field (for colour).
    public struct Arrow: Equatable {
        public var x, y, tipX, tipY, level: Double
    }

    /// The arrows as drawn (points with a non-finite coordinate or vector are left out).
    public func arrows() -> [Arrow] {
        var indices: [Int] = []
        var magnitudes: [Double] = []
        for i in xs.indices where xs[i].isFinite && ys[i].isFinite && us[i].isFinite && vs[i].isFinite {
            indices.append(i)
            magnitudes.append((us[i] * us[i] + vs[i] * vs[i]).squareRoot())
        }
        guard let largest = magnitudes.max() else { return [] }
        let length = 0.9 * spacing(indices)
        let decades = 3.0
        let floorMagnitude = largest * pow(10, -decades)
        func level(_ m: Double) -> Double {
            guard largest > 0 else { return 0 }
            return (log10(max(m, floorMagnitude)) - log10(floorMagnitude)) / decades
        }
        return zip(indices, magnitudes).map { i, m in
            let t = level(m)
            var drawn = 0.0
            if m > 0 {
                switch scaling {
                case .linear: drawn = length * m / largest
                // A floor of 15% keeps the direction of the smallest arrows visible.
                case .logMagnitude: drawn = length * (0.15 + 0.85 * t)
                }
            }
            let k = m > 0 ? drawn / m : 0
            return Arrow(x: xs[i], y: ys[i], tipX: xs[i] + k * us[i], tipY: ys[i] + k * vs[i], level: t)
        }
    }

    /// The typical distance between neighbouring arrows: the side of the square each point covers in the
    /// box of the points.
    func spacing(_ indices: [Int]) -> Double {
        guard let box = Extent.of(xs: indices.map { xs[$0] }, ys: indices.map { ys[$0] }) else { return 1 }
        let w = box.x.upperBound - box.x.lowerBound
        let h = box.y.upperBound - box.y.lowerBound
        let n = Double(indices.count)
        if w > 0 && h > 0 { return (w * h / n).squareRoot() }
        let side = max(w, h)
        return side > 0 ? side / max(n - 1, 1) : 1
    }
}
