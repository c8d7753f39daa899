/// One thing drawn on a set of axes. Coordinates are data units; a layer with no colour takes the next
/// colour of ``Palette/okabeIto``.
public enum Layer: Equatable {
    case scatter(Scatter)
    case line(Line)
    case quiver(Quiver)
    case bars(Bars)
    case markers(Markers)
    /// Greyscale images; a figure holding them draws them alone, without axes.
    case images(ImageGrid)

    /// The legend text, if the layer has one.
    public var label: String? {
        switch self {
        case .scatter(let l): return l.label
        case .line(let l): return l.label
        case .quiver(let l): return l.label
        case .bars(let l): return l.label
        case .markers(let l): return l.label
        case .images: return nil
        }
    }

    /// The colour the layer asked for (nil: the next one of the palette).
    public var color: RGB? {
        switch self {
        case .scatter(let l): return l.color
        case .line(let l): return l.color
        case .quiver(let l): return l.color
        case .bars(let l): return l.color
        case .markers(let l): return l.color
        case .images: return nil
        }
    }

    /// The smallest box holding everything the layer draws, as (x range, y range); nil when the layer
    /// has no finite point.
    var extent: (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        switch self {
        case .scatter(let l): return Extent.of(xs: l.xs, ys: l.ys)
        case .line(let l): return Extent.of(xs: l.xs, ys: l.ys)
        case .markers(let l): return Extent.of(xs: l.xs, ys: l.ys)
        case .quiver(let l):
            let arrows = l.arrows()
            return Extent.of(xs: l.xs + arrows.map(\.tipX), ys: l.ys + arrows.map(\.tipY))
        case .bars(let l):
            let heights = l.heights.filter(\.isFinite)
            guard let first = l.edges.first, let last = l.edges.last, let top = heights.max() else { return nil }
            return Extent.of(xs: [first, last], ys: [min(0, heights.min()!), top])
        case .images: return nil
        }
    }
}

enum Extent {
    static func of(xs: [Double], ys: [Double]) -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        var (x0, x1, y0, y1) = (Double.infinity, -Double.infinity, Double.infinity, -Double.infinity)
        for (x, y) in zip(xs, ys) where x.isFinite && y.isFinite {
            x0 = min(x0, x); x1 = max(x1, x)
            y0 = min(y0, y); y1 = max(y1, y)
        }
        return x0 <= x1 ? (x0...x1, y0...y1) : nil
    }
}

/// Points drawn as small discs (the data under a vector field, samples).
public struct Scatter: Equatable {
    /// x coordinates, data units.
    public var xs: [Double]
    /// y coordinates, data units (as many as xs).
    public var ys: [Double]
    /// The legend text; nil leaves the layer out of the legend.
    public var label: String?
    /// nil takes the next colour of the palette.
    public var color: RGB?
    /// Radius in SVG pixels.
    public var size: Double
    /// Fill opacity in [0, 1].
    public var opacity: Double

    /// Points at (xs[i], ys[i]).
    public init(xs: [Double], ys: [Double], label: String? = nil, color: RGB? = nil, size: Double = 1.5,
                opacity: Double = 0.7) {
        precondition(xs.count == ys.count)
        self.xs = xs; self.ys = ys; self.label = label; self.color = color
        self.size = size; self.opacity = opacity
    }
}

/// A polyline through (x, y) pairs; a non-finite value breaks the line.
public struct Line: Equatable {
    /// x coordinates, data units.
    public var xs: [Double]
    /// y coordinates, data units (as many as xs).
    public var ys: [Double]
    /// The legend text; nil leaves the layer out of the legend.
    public var label: String?
    /// nil takes the next colour of the palette.
    public var color: RGB?
    /// Stroke width in SVG pixels.
    public var width: Double
    /// Dashes instead of a solid line.
    public var dashed: Bool

    /// A line through (xs[i], ys[i]) in order.
    public init(xs: [Double], ys: [Double], label: String? = nil, color: RGB? = nil, width: Double = 1.5,
                dashed: Bool = false) {
        precondition(xs.count == ys.count)
        self.xs = xs; self.ys = ys; self.label = label; self.color = color
        self.width = width; self.dashed = dashed
    }
}

/// Bars over consecutive intervals [edges[i], edges[i+1]] (a histogram).
public struct Bars: Equatable {
    /// Interval boundaries, increasing (one more than heights).
    public var edges: [Double]
    /// The height of each bar (a count, for a histogram).
    public var heights: [Double]
    /// The legend text; nil leaves the layer out of the legend.
    public var label: String?
    /// nil takes the next colour of the palette.
    public var color: RGB?

    /// Bars of the given heights between consecutive edges.
    public init(edges: [Double], heights: [Double], label: String? = nil, color: RGB? = nil) {
        precondition(edges.count == heights.count + 1)
        self.edges = edges; self.heights = heights; self.label = label; self.color = color
    }

    /// A histogram of the finite values in `bins` equal intervals over their range.
    public static func histogram(_ values: [Double], bins: Int, label: String? = nil, color: RGB? = nil) -> Bars {
        precondition(bins >= 1)
        let finite = values.filter { $0.isFinite }
        guard var lo = finite.min(), var hi = finite.max() else {
            return Bars(edges: [0, 1], heights: [0], label: label, color: color)
        }
        if lo == hi { lo -= 0.5; hi += 0.5 }
        let width = (hi - lo) / Double(bins)
        let edges = (0...bins).map { $0 == bins ? hi : lo + Double($0) * width }
        var counts = [Double](repeating: 0, count: bins)
        for v in finite { counts[min(Int((v - lo) / width), bins - 1)] += 1 }
        return Bars(edges: edges, heights: counts, label: label, color: color)
    }
}

/// Distinct symbols at a few points: fixed points and attractors over a vector field (Figure 7).
public struct Markers: Equatable {
    /// The symbols a marker can have.
    public enum Shape: String, Equatable, CaseIterable { case cross, circle, diamond }
    /// x coordinates, data units.
    public var xs: [Double]
    /// y coordinates, data units (as many as xs).
    public var ys: [Double]
    /// The symbol drawn.
    public var shape: Shape
    /// The legend text; nil leaves the layer out of the legend.
    public var label: String?
    /// nil takes the next colour of the palette.
    public var color: RGB?
    /// Half the symbol's width in SVG pixels.
    public var size: Double

    /// Symbols at (xs[i], ys[i]).
    public init(xs: [Double], ys: [Double], shape: Shape = .cross, label: String? = nil, color: RGB? = nil,
                size: Double = 6) {
        precondition(xs.count == ys.count)
        self.xs = xs; self.ys = ys; self.shape = shape; self.label = label; self.color = color; self.size = size
    }
}
