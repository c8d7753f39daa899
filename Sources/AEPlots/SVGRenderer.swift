import Foundation

/// Draws a ``Plot`` as a standalone SVG document. The output depends only on the plot: numbers have at
/// most two decimals, elements come in a fixed order, nothing records the time or the machine.
///
///     let svg = SVGRenderer().render(.single(fig))
///     try SVGRenderer().write(.single(fig), to: "field.svg")
public struct SVGRenderer {
    /// The width of a single figure, in pixels.
    public var width: Double
    /// The height of a single figure, in pixels.
    public var height: Double
    /// Width of one grid panel, in pixels.
    public var panelWidth: Double
    /// Height of one grid panel, in pixels.
    public var panelHeight: Double

    /// Fonts every browser has.
    static let fontFamily = "Helvetica, Arial, sans-serif"

    /// A renderer for figures of `width` × `height` and grid panels of `panelWidth` × `panelHeight` pixels.
    public init(width: Double = 640, height: Double = 480, panelWidth: Double = 300, panelHeight: Double = 250) {
        self.width = width; self.height = height; self.panelWidth = panelWidth; self.panelHeight = panelHeight
    }

    /// The SVG text of the plot.
    public func render(_ plot: Plot) -> String {
        var out = SVGOutput()
        switch plot {
        case .single(let figure):
            // Images keep square pixels: the document ends below them rather than leave a blank box.
            let height = figure.imageGrid.map {
                ImageGridSVG(grid: $0, title: figure.title, width: width, height: self.height, compact: false).fittedHeight
            } ?? self.height
            out.header(width: width, height: height)
            PanelSVG(figure: figure, width: width, height: height, id: 0, compact: false).draw(into: &out)
        case .grid(let grid):
            let top = grid.title == nil ? 0.0 : 32
            let w = panelWidth * Double(grid.columns)
            let h = top + panelHeight * Double(grid.rows)
            out.header(width: w, height: h)
            if let title = grid.title {
                out.line("<text x=\"\(SVGText.number(w / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"16\" "
                         + "font-weight=\"bold\">\(SVGText.escape(title))</text>")
            }
            for (k, panel) in grid.panels.enumerated() {
                let ox = Double(k % grid.columns) * panelWidth
                let oy = top + Double(k / grid.columns) * panelHeight
                out.line("<g transform=\"translate(\(SVGText.number(ox)),\(SVGText.number(oy)))\">")
                PanelSVG(figure: panel, width: panelWidth, height: panelHeight, id: k, compact: true).draw(into: &out)
                out.line("</g>")
            }
        }
        out.line("</svg>")
        return out.text
    }

    /// Writes the SVG to `path` atomically (see ``writeAtomically(_:to:)``).
    public func write(_ plot: Plot, to path: String) throws {
        try writeAtomically(render(plot), to: path)
    }
}

struct SVGOutput {
    var text = ""

    mutating func line(_ s: String) {
        text += s
        text += "\n"
    }

    mutating func header(width: Double, height: Double) {
        let w = SVGText.number(width), h = SVGText.number(height)
        line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        line("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" "
             + "font-family=\"\(SVGRenderer.fontFamily)\" font-size=\"12\" fill=\"#222222\">")
        line("<rect width=\"\(w)\" height=\"\(h)\" fill=\"white\"/>")
    }
}

/// The runs of consecutive finite points of a line; a NaN or infinity breaks it.
enum LineRuns {
    static func split(xs: [Double], ys: [Double]) -> [[(Double, Double)]] {
        var runs: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for (x, y) in zip(xs, ys) {
            if x.isFinite && y.isFinite {
                current.append((x, y))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
