import Foundation

/// One set of axes drawn at the origin in a `width` × `height` box.
struct PanelSVG {
    let figure: Figure
    let width: Double
    let height: Double
    /// Makes clip-path ids unique within the document.
    let id: Int
    /// Smaller fonts and margins for grid panels.
    let compact: Bool

    let left: Double, right: Double, top: Double, bottom: Double
    let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>

    init(figure: Figure, width: Double, height: Double, id: Int, compact: Bool) {
        self.figure = figure; self.width = width; self.height = height; self.id = id; self.compact = compact
        left = (compact ? 40 : 52) + (figure.yLabel == nil ? 0 : 16)
        right = width - (compact ? 10 : 16)
        top = figure.title == nil ? (compact ? 10 : 16) : (compact ? 24 : 34)
        bottom = height - (compact ? 22 : 28) - (figure.xLabel == nil ? 0 : 16)
        (xRange, yRange) = figure.ranges(width: right - left, height: bottom - top)
    }

    func px(_ x: Double) -> Double {
        left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (right - left)
    }

    func py(_ y: Double) -> Double {
        bottom - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (bottom - top)
    }

    func n(_ x: Double) -> String { SVGText.number(x) }

    func draw(into out: inout SVGOutput) {
        if let images = figure.imageGrid {
            ImageGridSVG(grid: images, title: figure.title, width: width, height: height, compact: compact).draw(into: &out)
            return
        }
        let tickFont = compact ? 10 : 11
        let xTicks = NiceTicks(lower: xRange.lowerBound, upper: xRange.upperBound, count: compact ? 5 : 6)
        let yTicks = NiceTicks(lower: yRange.lowerBound, upper: yRange.upperBound, count: compact ? 5 : 6)
        let clip = "clip\(id)"
        out.line("<clipPath id=\"\(clip)\"><rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(right - left))\" "
                 + "height=\"\(n(bottom - top))\"/></clipPath>")
        // Grid lines under the data.
        out.line("<g stroke=\"\(Palette.grid.hex)\" stroke-width=\"1\">")
        for t in xTicks.values {
            out.line("<line x1=\"\(n(px(t)))\" y1=\"\(n(top))\" x2=\"\(n(px(t)))\" y2=\"\(n(bottom))\"/>")
        }
        for t in yTicks.values {
            out.line("<line x1=\"\(n(left))\" y1=\"\(n(py(t)))\" x2=\"\(n(right))\" y2=\"\(n(py(t)))\"/>")
        }
        out.line("</g>")
        out.line("<g clip-path=\"url(#\(clip))\">")
        let colors = figure.layerColors
        for (layer, color) in zip(figure.layers, colors) { drawLayer(layer, color: color, into: &out) }
        out.line("</g>")
        // Frame, tick marks and labels.
        out.line("<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(right - left))\" height=\"\(n(bottom - top))\" "
                 + "fill=\"none\" stroke=\"\(Palette.ink.hex)\" stroke-width=\"1\"/>")
        out.line("<g stroke=\"\(Palette.ink.hex)\" stroke-width=\"1\">")
        for t in xTicks.values {
            out.line("<line x1=\"\(n(px(t)))\" y1=\"\(n(bottom))\" x2=\"\(n(px(t)))\" y2=\"\(n(bottom + 4))\"/>")
        }
        for t in yTicks.values {
            out.line("<line x1=\"\(n(left - 4))\" y1=\"\(n(py(t)))\" x2=\"\(n(left))\" y2=\"\(n(py(t)))\"/>")
        }
        out.line("</g>")
        out.line("<g font-size=\"\(tickFont)\" text-anchor=\"middle\">")
        for t in xTicks.values {
            out.line("<text x=\"\(n(px(t)))\" y=\"\(n(bottom + 6 + Double(tickFont)))\">\(xTicks.label(t))</text>")
        }
        out.line("</g>")
        out.line("<g font-size=\"\(tickFont)\" text-anchor=\"end\">")
        for t in yTicks.values {
            out.line("<text x=\"\(n(left - 6))\" y=\"\(n(py(t) + Double(tickFont) * 0.35))\">\(yTicks.label(t))</text>")
        }
        out.line("</g>")
        let labelFont = compact ? 11 : 12
        if let label = figure.xLabel {
            out.line("<text x=\"\(n((left + right) / 2))\" y=\"\(n(height - 6))\" text-anchor=\"middle\" "
                     + "font-size=\"\(labelFont)\">\(SVGText.escape(label))</text>")
        }
        if let label = figure.yLabel {
            let cx = 4 + Double(labelFont), cy = (top + bottom) / 2
            out.line("<text x=\"\(n(cx))\" y=\"\(n(cy))\" transform=\"rotate(-90 \(n(cx)) \(n(cy)))\" "
                     + "text-anchor=\"middle\" font-size=\"\(labelFont)\">\(SVGText.escape(label))</text>")
        }
        if let title = figure.title {
            out.line("<text x=\"\(n((left + right) / 2))\" y=\"\(n(top - (compact ? 8 : 12)))\" text-anchor=\"middle\" "
                     + "font-size=\"\(compact ? 12 : 14)\" font-weight=\"bold\">\(SVGText.escape(title))</text>")
        }
        if figure.showsLegend { drawLegend(colors: colors, into: &out) }
    }

    func drawLayer(_ layer: Layer, color: RGB, into out: inout SVGOutput) {
        switch layer {
        case .scatter(let s):
            out.line("<g fill=\"\(color.hex)\" fill-opacity=\"\(n(s.opacity))\">")
            for (x, y) in zip(s.xs, s.ys) where x.isFinite && y.isFinite {
                out.line("<circle cx=\"\(n(px(x)))\" cy=\"\(n(py(y)))\" r=\"\(n(s.size))\"/>")
            }
            out.line("</g>")
        case .line(let l):
            let dash = l.dashed ? " stroke-dasharray=\"6 4\"" : ""
            out.line("<g fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"\(n(l.width))\" "
                     + "stroke-linejoin=\"round\"\(dash)>")
            for run in LineRuns.split(xs: l.xs, ys: l.ys) {
                let points = run.map { "\(n(px($0.0))),\(n(py($0.1)))" }.joined(separator: " ")
                out.line("<polyline points=\"\(points)\"/>")
            }
            out.line("</g>")
        case .bars(let b):
            out.line("<g fill=\"\(color.hex)\" fill-opacity=\"0.8\" stroke=\"white\" stroke-width=\"0.5\">")
            for (i, h) in b.heights.enumerated() where h.isFinite && h != 0 {
                let x0 = px(b.edges[i]), x1 = px(b.edges[i + 1])
                let y0 = py(max(h, 0)), y1 = py(min(h, 0))
                out.line("<rect x=\"\(n(x0))\" y=\"\(n(y0))\" width=\"\(n(x1 - x0))\" height=\"\(n(y1 - y0))\"/>")
            }
            out.line("</g>")
        case .quiver(let q):
            let single = q.colorByMagnitude ? "" : " stroke=\"\(color.hex)\" fill=\"\(color.hex)\""
            out.line("<g stroke-width=\"1\" stroke-linecap=\"round\"\(single)>")
            for a in q.arrows() {
                out.line(arrow(a, color: q.colorByMagnitude ? Palette.sequential(a.level) : nil))
            }
            out.line("</g>")
        case .markers(let m):
            out.line("<g stroke=\"\(color.hex)\" stroke-width=\"2\" fill=\"none\">")
            for (x, y) in zip(m.xs, m.ys) where x.isFinite && y.isFinite {
                out.line(marker(m.shape, x: px(x), y: py(y), size: m.size))
            }
            out.line("</g>")
        case .images:
            break  // drawn by ImageGridSVG, in place of the axes
        }
    }

    /// A shaft and an open head; an arrow shorter than half a pixel is a dot. Without `color` the arrow
    /// takes its group's.
    func arrow(_ a: Quiver.Arrow, color: RGB?) -> String {
        let x0 = px(a.x), y0 = py(a.y), x1 = px(a.tipX), y1 = py(a.tipY)
        let dx = x1 - x0, dy = y1 - y0
        let length = (dx * dx + dy * dy).squareRoot()
        if length < 0.5 {
            let fill = color.map { " fill=\"\($0.hex)\"" } ?? ""
            return "<circle cx=\"\(n(x0))\" cy=\"\(n(y0))\" r=\"0.8\" stroke=\"none\"\(fill)/>"
        }
        let head = min(5, 0.4 * length)
        let (ux, uy) = (dx / length, dy / length)
        let c = cos(0.45), s = sin(0.45)
        let hx1 = x1 - head * (ux * c - uy * s), hy1 = y1 - head * (uy * c + ux * s)
        let hx2 = x1 - head * (ux * c + uy * s), hy2 = y1 - head * (uy * c - ux * s)
        return "<path d=\"M\(n(x0)) \(n(y0))L\(n(x1)) \(n(y1))M\(n(hx1)) \(n(hy1))L\(n(x1)) \(n(y1))L\(n(hx2)) \(n(hy2))\""
            + " fill=\"none\"\(color.map { " stroke=\"\($0.hex)\"" } ?? "")/>"
    }

    func marker(_ shape: Markers.Shape, x: Double, y: Double, size s: Double) -> String {
        switch shape {
        case .cross:
            return "<path d=\"M\(n(x - s)) \(n(y - s))L\(n(x + s)) \(n(y + s))M\(n(x - s)) \(n(y + s))L\(n(x + s)) \(n(y - s))\"/>"
        case .circle:
            return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(s))\"/>"
        case .diamond:
            return "<path d=\"M\(n(x)) \(n(y - s))L\(n(x + s)) \(n(y))L\(n(x)) \(n(y + s))L\(n(x - s)) \(n(y))Z\"/>"
        }
    }

    /// The top-left of the legend box: the corner (top right, top left, bottom right, bottom left, in
    /// that order of preference) that hides the fewest drawn points.
    func legendCorner(width w: Double, height h: Double) -> (Double, Double) {
        let corners = [(right - w - 6, top + 6), (left + 6, top + 6), (right - w - 6, bottom - h - 6),
                       (left + 6, bottom - h - 6)]
        var points: [(Double, Double)] = []
        for layer in figure.layers {
            switch layer {
            case .scatter(let l): points += zip(l.xs, l.ys).map { ($0, $1) }
            case .line(let l): points += zip(l.xs, l.ys).map { ($0, $1) }
            case .markers(let l): points += zip(l.xs, l.ys).map { ($0, $1) }
            case .images: break
            case .quiver(let l):
                points += l.arrows().flatMap { [($0.x, $0.y), ($0.tipX, $0.tipY)] }
            case .bars(let l):
                for (i, height) in l.heights.enumerated() {
                    let x = (l.edges[i] + l.edges[i + 1]) / 2
                    points += stride(from: 0.0, through: 1.0, by: 0.125).map { (x, height * $0) }
                }
            }
        }
        let pixels = points.map { (px($0.0), py($0.1)) }
        func hidden(_ corner: (Double, Double)) -> Int {
            pixels.reduce(0) { count, p in
                count + (p.0 >= corner.0 && p.0 <= corner.0 + w && p.1 >= corner.1 && p.1 <= corner.1 + h ? 1 : 0)
            }
        }
        var best = corners[0], fewest = hidden(corners[0])
        for corner in corners.dropFirst() where fewest > 0 {
            let n = hidden(corner)
            if n < fewest { best = corner; fewest = n }
        }
        return best
    }

    func drawLegend(colors: [RGB], into out: inout SVGOutput) {
        let entries = zip(figure.layers, colors).compactMap { layer, color in layer.label.map { (layer, color, $0) } }
        guard !entries.isEmpty else { return }
        let font = compact ? 10.0 : 11.0
        let row = font + 5
        let textWidth = entries.map { Double($0.2.count) * font * 0.6 }.max() ?? 0
        let w = 30 + textWidth, h = row * Double(entries.count) + 6
        let (x, y) = legendCorner(width: w, height: h)
        out.line("<g font-size=\"\(n(font))\">")
        out.line("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"white\" "
                 + "fill-opacity=\"0.85\" stroke=\"#BBBBBB\"/>")
        for (k, (layer, color, label)) in entries.enumerated() {
            let cy = y + 3 + row * (Double(k) + 0.5)
            let sx = x + 6
            switch layer {
            case .scatter:
                out.line("<circle cx=\"\(n(sx + 9))\" cy=\"\(n(cy))\" r=\"3\" fill=\"\(color.hex)\"/>")
            case .line(let l):
                let dash = l.dashed ? " stroke-dasharray=\"6 4\"" : ""
                out.line("<line x1=\"\(n(sx))\" y1=\"\(n(cy))\" x2=\"\(n(sx + 18))\" y2=\"\(n(cy))\" "
                         + "stroke=\"\(color.hex)\" stroke-width=\"2\"\(dash)/>")
            case .bars:
                out.line("<rect x=\"\(n(sx + 3))\" y=\"\(n(cy - 5))\" width=\"12\" height=\"10\" fill=\"\(color.hex)\"/>")
            case .quiver(let q) where q.colorByMagnitude:
                // The colour scale, small magnitudes left, large right.
                for k in 0..<4 {
                    out.line("<rect x=\"\(n(sx + 4.5 * Double(k)))\" y=\"\(n(cy - 4))\" width=\"4.5\" height=\"8\" "
                             + "fill=\"\(Palette.sequential(Double(k) / 3).hex)\"/>")
                }
            case .quiver:
                let c = color
                out.line("<path d=\"M\(n(sx)) \(n(cy))L\(n(sx + 18)) \(n(cy))M\(n(sx + 13)) \(n(cy - 3))L\(n(sx + 18)) "
                         + "\(n(cy))L\(n(sx + 13)) \(n(cy + 3))\" fill=\"none\" stroke=\"\(c.hex)\"/>")
            case .markers(let m):
                out.line("<g stroke=\"\(color.hex)\" stroke-width=\"2\" fill=\"none\">"
                         + marker(m.shape, x: sx + 9, y: cy, size: 4) + "</g>")
            case .images: break  // no legend entry: images have no label
            }
            out.line("<text x=\"\(n(sx + 24))\" y=\"\(n(cy + font * 0.35))\">\(SVGText.escape(label))</text>")
        }
        out.line("</g>")
    }
}
