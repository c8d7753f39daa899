/// An ``ImageGrid`` drawn in a `width` × `height` box at the origin: square pixels as large as the box
/// allows, the grid centred under the title, each image framed in light grey, ink dark on white paper.
/// A run of equal pixels in an image row is one rectangle, which keeps the file small.
struct ImageGridSVG {
    let grid: ImageGrid
    let title: String?
    let width: Double
    let height: Double
    /// Smaller fonts and margins for grid panels.
    let compact: Bool

    func n(_ x: Double) -> String { SVGText.number(x) }

    var margin: Double { compact ? 6 : 10 }
    var top: Double { title == nil ? margin : (compact ? 24 : 34) }
    /// Images are `gap` pixels apart: about an eighth of an image, at least one pixel.
    var gap: Int { max(1, (grid.width + 4) / 8) }
    /// The grid's size in image pixels, gaps included.
    var units: (across: Double, down: Double) {
        (Double(grid.columns * grid.width + (grid.columns - 1) * gap), Double(grid.rows * grid.height + (grid.rows - 1) * gap))
    }
    /// The side of one image pixel: as large as the box allows.
    var pixel: Double { max(0.01, min((width - 2 * margin) / units.across, (height - top - margin) / units.down)) }
    /// The height the grid needs at this width: a single figure of images is no taller than that.
    var fittedHeight: Double { min(height, top + units.down * pixel + margin) }

    func draw(into out: inout SVGOutput) {
        let (gap, top, pixel) = (self.gap, self.top, self.pixel)
        let left = (width - units.across * pixel) / 2
        if let title {
            out.line("<text x=\"\(n(width / 2))\" y=\"\(n(top - (compact ? 8 : 12)))\" text-anchor=\"middle\" "
                     + "font-size=\"\(compact ? 12 : 14)\" font-weight=\"bold\">\(SVGText.escape(title))</text>")
        }
        out.line("<g shape-rendering=\"crispEdges\" stroke=\"none\">")
        for k in 0..<grid.count {
            let x0 = left + Double((k % grid.columns) * (grid.width + gap)) * pixel
            let y0 = top + Double((k / grid.columns) * (grid.height + gap)) * pixel
            out.line("<rect x=\"\(n(x0))\" y=\"\(n(y0))\" width=\"\(n(Double(grid.width) * pixel))\" "
                     + "height=\"\(n(Double(grid.height) * pixel))\" fill=\"white\" stroke=\"\(Palette.grid.hex)\"/>")
            let levels = grid.levels(k)
            for r in 0..<grid.height {
                var c = 0
                while c < grid.width {
                    let grey = ImageGridSVG.grey(levels[r * grid.width + c])
                    var end = c + 1
                    while end < grid.width && ImageGridSVG.grey(levels[r * grid.width + end]) == grey { end += 1 }
                    if grey < 255 {
                        out.line("<rect x=\"\(n(x0 + Double(c) * pixel))\" y=\"\(n(y0 + Double(r) * pixel))\" "
                                 + "width=\"\(n(Double(end - c) * pixel))\" height=\"\(n(pixel))\" "
                                 + "fill=\"\(RGB(grey, grey, grey).hex)\"/>")
                    }
                    c = end
                }
            }
        }
        out.line("</g>")
    }

    /// The 8-bit grey of an ink level: 0 white paper, 1 black ink.
    static func grey(_ level: Double) -> UInt8 { UInt8(((1 - level) * 255).rounded()) }
}
