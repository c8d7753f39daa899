import Foundation

/// Draws a ``Plot`` as text for a terminal: each panel a braille canvas in a frame with tick labels,
/// like UnicodePlots. With `color`, layers use ANSI 256-colour escapes; without, the output is plain.
///
///     print(TextRenderer().render(.single(fig)))
public struct TextRenderer {
    /// The canvas width of a single figure, in characters (each 2 dots wide).
    public var width: Int
    /// The canvas height of a single figure, in characters (each 4 dots tall).
    public var height: Int
    /// Canvas width of one grid panel, in characters.
    public var panelWidth: Int
    /// Canvas height of one grid panel, in characters.
    public var panelHeight: Int
    /// Use ANSI 256-colour escapes.
    public var color: Bool

    /// A renderer with canvases of the given sizes in characters (at least 4 × 2).
    public init(width: Int = 60, height: Int = 15, panelWidth: Int = 24, panelHeight: Int = 6, color: Bool = false) {
        self.width = max(width, 4); self.height = max(height, 2)
        self.panelWidth = max(panelWidth, 4); self.panelHeight = max(panelHeight, 2)
        self.color = color
    }

    /// The text of the plot, lines ended by newlines.
    public func render(_ plot: Plot) -> String {
        switch plot {
        case .single(let figure):
            return PanelText(figure: figure, columns: width, rows: height, color: color).lines()
                .map { $0.text + "\n" }.joined()
        case .grid(let grid):
            var out = ""
            // One gutter for all panels, so the frames of a column line up from row to row.
            let gutter = grid.panels.map {
                PanelText(figure: $0, columns: panelWidth, rows: panelHeight, color: color).gutter
            }.max() ?? 0
            let panels = grid.panels.map {
                PanelText(figure: $0, columns: panelWidth, rows: panelHeight, color: color, minimumGutter: gutter).lines()
            }
            let columnWidths = (0..<grid.columns).map { c in
                stride(from: c, to: panels.count, by: grid.columns)
                    .flatMap { panels[$0].map(\.width) }.max() ?? 0
            }
            if let title = grid.title {
                let total = columnWidths.reduce(0, +) + 2 * (grid.columns - 1)
                out += TextLine.centered(title, width: total) + "\n"
            }
            for r in 0..<grid.rows {
                let row = Array(panels[(r * grid.columns)..<min((r + 1) * grid.columns, panels.count)])
                let height = row.map(\.count).max() ?? 0
                for k in 0..<height {
                    var line = ""
                    for (c, panel) in row.enumerated() {
                        let piece = k < panel.count ? panel[k] : TextLine(text: "", width: 0)
                        line += piece.text
                        if c < row.count - 1 {
                            line += String(repeating: " ", count: columnWidths[c] - piece.width + 2)
                        }
                    }
                    out += TextLine.trimmed(line) + "\n"
                }
                if r < grid.rows - 1 { out += "\n" }
            }
            return out
        }
    }
}

/// A line of output and its width in terminal cells (escape codes take none).
struct TextLine {
    var text: String
    var width: Int

    init(text: String, width: Int) { self.text = text; self.width = width }
    init(_ plain: String) { text = plain; width = plain.count }

    static func centered(_ s: String, width: Int) -> String {
        String(repeating: " ", count: max((width - s.count) / 2, 0)) + s
    }

    /// Without trailing blanks, so golden files carry no invisible whitespace.
    static func trimmed(_ s: String) -> String {
        var s = s
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

/// One set of axes as lines of text.
struct PanelText {
    let figure: Figure
    let columns: Int
    let rows: Int
    let color: Bool
    /// Width of the tick-label column before the frame: at least this, more if a label needs it.
    var minimumGutter: Int = 0

    /// The data ranges and the dot mapping; terminal cells are about twice as tall as wide, so a dot
    /// is about square.
    var mapper: PixelMapper {
        let (xRange, yRange) = figure.ranges(width: Double(columns * 2), height: Double(rows * 4))
        return PixelMapper(xRange: xRange, yRange: yRange, width: columns * 2, height: rows * 4)
    }

    /// The y tick labels by text row.
    var yLabels: [Int: String] {
        let mapper = self.mapper
        let yTicks = NiceTicks(lower: mapper.yRange.lowerBound, upper: mapper.yRange.upperBound, count: rows >= 10 ? 5 : 4)
        var labels = [Int: String]()
        for t in yTicks.values {
            let row = Int(mapper.y(t).rounded()) / 4
            if row >= 0, row < rows, labels[row] == nil { labels[row] = yTicks.label(t) }
        }
        return labels
    }

    var gutter: Int { max((yLabels.values.map(\.count).max() ?? 0) + 1, minimumGutter) }

    func lines() -> [TextLine] {
        if let images = figure.imageGrid {
            return ImageGridText(grid: images, title: figure.title, columns: columns, color: color).lines()
        }
        let mapper = self.mapper
        var canvas = BrailleCanvas(columns: columns, rows: rows)
        let colors = figure.layerColors
        for (layer, c) in zip(figure.layers, colors) {
            BrailleLayers.draw(layer, color: c, mapper: mapper, on: &canvas)
        }
        let xTicks = NiceTicks(lower: mapper.xRange.lowerBound, upper: mapper.xRange.upperBound, count: columns >= 40 ? 6 : 4)
        let yLabels = self.yLabels
        let gutter = self.gutter
        let pad = String(repeating: " ", count: gutter)

        var out: [TextLine] = []
        if let title = figure.title {
            out.append(TextLine(TextLine.trimmed(pad + TextLine.centered(title, width: columns + 2))))
        }
        if let label = figure.yLabel { out.append(TextLine(TextLine.trimmed(pad + label))) }
        out.append(TextLine(pad + "┌" + String(repeating: "─", count: columns) + "┐"))

        let legend = figure.showsLegend ? legendEntries(colors) : []
        for r in 0..<rows {
            let label = yLabels[r] ?? ""
            var text = String(repeating: " ", count: gutter - 1 - label.count) + label + (yLabels[r] == nil ? " │" : " ┤")
            var width = gutter + 1
            var current: RGB? = nil
            for c in 0..<columns {
                // Ink (axes-black) is the terminal's own foreground: black would vanish on a dark background.
                let cellColor = color ? canvas.color(column: c, row: r).flatMap { $0 == Palette.ink ? nil : $0 } : nil
                if cellColor != current {
                    if current != nil { text += Self.reset }
                    if let cellColor { text += Self.escape(cellColor) }
                    current = cellColor
                }
                text += String(canvas.character(column: c, row: r))
            }
            if current != nil { text += Self.reset }
            text += "│"
            width += columns + 1
            if r < legend.count {
                text += " " + legend[r].text
                width += 1 + legend[r].width
            }
            out.append(TextLine(text: text, width: width))
        }

        var bottom = Array(pad + "└" + String(repeating: "─", count: columns) + "┘")
        var labelLine = [Character](repeating: " ", count: gutter + columns + 2 + 8)
        var lastEnd = -2
        for t in xTicks.values {
            let column = Int(mapper.x(t).rounded()) / 2
            guard column >= 0, column < columns else { continue }
            bottom[gutter + 1 + column] = "┬"
            let label = Array(xTicks.label(t))
            let start = max(gutter + 1 + column - label.count / 2, 0)
            guard start > lastEnd + 1, start + label.count <= labelLine.count else { continue }
            for (k, ch) in label.enumerated() { labelLine[start + k] = ch }
            lastEnd = start + label.count - 1
        }
        out.append(TextLine(String(bottom)))
        out.append(TextLine(TextLine.trimmed(String(labelLine))))
        if let label = figure.xLabel {
            out.append(TextLine(TextLine.trimmed(pad + TextLine.centered(label, width: columns + 2))))
        }
        return out
    }

    func legendEntries(_ colors: [RGB]) -> [TextLine] {
        zip(figure.layers, colors).compactMap { layer, c in
            guard let label = layer.label else { return nil }
            let symbol: String
            switch layer {
            case .scatter: symbol = "⠶"
            case .line(let l): symbol = l.dashed ? "╌╌" : "──"
            case .quiver: symbol = "→"
            case .bars: symbol = "▇"
            case .markers(let m): symbol = m.shape == .cross ? "×" : m.shape == .circle ? "o" : "◆"
            case .images: return nil
            }
            let shown = color && !isColorByMagnitude(layer) && c != Palette.ink ? Self.escape(c) + symbol + Self.reset : symbol
            return TextLine(text: shown + " " + label, width: symbol.count + 1 + label.count)
        }
    }

    func isColorByMagnitude(_ layer: Layer) -> Bool {
        if case .quiver(let q) = layer { return q.colorByMagnitude }
        return false
    }

    static func escape(_ c: RGB) -> String { "\u{1B}[38;5;\(c.xterm256)m" }
    static let reset = "\u{1B}[0m"
}
