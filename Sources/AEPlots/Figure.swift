/// One set of axes: layers drawn in order (later on top), a title, axis labels, limits and a legend.
///
///     var fig = Figure(title: "r(x) − x", xLabel: "x0", yLabel: "x1", equalAspect: true)
///     fig.add(.scatter(Scatter(xs: xs, ys: ys, label: "data")))
///     fig.add(.quiver(Quiver(xs: gx, ys: gy, us: u, vs: v, scaling: .logMagnitude)))
///     let svg = SVGRenderer().render(.single(fig))
public struct Figure: Equatable {
    /// Drawn above the axes (or above the grid).
    public var title: String?
    /// The label under the x axis.
    public var xLabel: String?
    /// The label beside the y axis.
    public var yLabel: String?
    /// Fixed axis ranges; nil fits the data (with a small margin).
    public var xLimits: ClosedRange<Double>?
    /// A fixed y range; nil fits the data.
    public var yLimits: ClosedRange<Double>?
    /// Show the legend: nil shows it when some layer has a label.
    public var legend: Bool?
    /// One data unit is as long on both axes (geometry, vector fields).
    public var equalAspect: Bool
    /// Drawn in order: the first at the bottom.
    public var layers: [Layer]

    /// A figure; every part is optional and can be set later.
    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                xLimits: ClosedRange<Double>? = nil, yLimits: ClosedRange<Double>? = nil,
                legend: Bool? = nil, equalAspect: Bool = false, layers: [Layer] = []) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
        self.xLimits = xLimits; self.yLimits = yLimits
        self.legend = legend; self.equalAspect = equalAspect; self.layers = layers
    }

    /// Adds a layer on top of the others.
    public mutating func add(_ layer: Layer) { layers.append(layer) }

    /// The images the figure draws instead of axes, if it holds an image layer.
    public var imageGrid: ImageGrid? {
        for case .images(let grid) in layers { return grid }
        return nil
    }

    /// Whether the legend is drawn.
    public var showsLegend: Bool { legend ?? layers.contains { $0.label != nil } }

    /// The colour each layer is drawn in: its own, or the next of the palette.
    public var layerColors: [RGB] {
        var next = 0
        return layers.map { layer in
            if let c = layer.color { return c }
            defer { next += 1 }
            return Palette.color(next)
        }
    }

    /// The data ranges shown: the limits, or the layers' extent with a 4% margin; never empty.
    public var dataRanges: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        var x: ClosedRange<Double>? = nil
        var y: ClosedRange<Double>? = nil
        for layer in layers {
            guard let e = layer.extent else { continue }
            x = x.map { min($0.lowerBound, e.x.lowerBound)...max($0.upperBound, e.x.upperBound) } ?? e.x
            y = y.map { min($0.lowerBound, e.y.lowerBound)...max($0.upperBound, e.y.upperBound) } ?? e.y
        }
        func padded(_ r: ClosedRange<Double>?) -> ClosedRange<Double> {
            guard let r else { return 0...1 }
            let w = r.upperBound - r.lowerBound
            if w == 0 {
                let half = r.lowerBound == 0 ? 1 : abs(r.lowerBound) * 0.1
                return (r.lowerBound - half)...(r.upperBound + half)
            }
            return (r.lowerBound - 0.04 * w)...(r.upperBound + 0.04 * w)
        }
        var yShown = padded(y)
        // Bars stand on the axis: no margin below a baseline of zero.
        if let y, layers.contains(where: { if case .bars = $0 { return true }; return false }) {
            if y.lowerBound >= 0 { yShown = 0...yShown.upperBound }
            else if y.upperBound <= 0 { yShown = yShown.lowerBound...0 }
        }
        return (xLimits ?? padded(x), yLimits ?? yShown)
    }

    /// The ranges to draw in a plot area of `width` × `height` (any unit): with `equalAspect`, the
    /// narrower range grows about its centre so one unit has the same length on both axes.
    public func ranges(width: Double, height: Double) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        var (x, y) = dataRanges
        guard equalAspect, width > 0, height > 0 else { return (x, y) }
        let xw = x.upperBound - x.lowerBound, yw = y.upperBound - y.lowerBound
        let unitsPerX = xw / width, unitsPerY = yw / height
        if unitsPerX > unitsPerY {
            let c = (y.lowerBound + y.upperBound) / 2, half = unitsPerX * height / 2
            y = (c - half)...(c + half)
        } else {
            let c = (x.lowerBound + x.upperBound) / 2, half = unitsPerY * width / 2
            x = (c - half)...(c + half)
        }
        return (x, y)
    }
}

/// Panels in a grid, filled row by row (Figure 6: dimension pairs, original and sampled side by side).
public struct FigureGrid: Equatable {
    /// The figures, in reading order.
    public var panels: [Figure]
    /// Panels per row.
    public var columns: Int
    /// Drawn above the axes (or above the grid).
    public var title: String?

    /// A grid of `panels`, `columns` to a row.
    public init(panels: [Figure], columns: Int, title: String? = nil) {
        precondition(columns >= 1)
        self.panels = panels; self.columns = columns; self.title = title
    }

    /// Rows of panels needed.
    public var rows: Int { (panels.count + columns - 1) / columns }
}

/// What a renderer draws: one figure or a grid of panels.
public enum Plot: Equatable {
    case single(Figure)
    case grid(FigureGrid)

    /// Every figure, in reading order.
    public var figures: [Figure] {
        switch self {
        case .single(let f): return [f]
        case .grid(let g): return g.panels
        }
    }

    /// The title of the figure or of the grid.
    public var title: String? {
        switch self {
        case .single(let f): return f.title
        case .grid(let g): return g.title
        }
    }
}
