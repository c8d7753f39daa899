/// An ``ImageGrid`` as terminal text in half blocks: each character is one pixel wide and two tall
/// (a terminal cell is about twice as tall as wide, so pixels stay square). With colour, the upper
/// half block takes the upper pixel's grey as foreground and the lower pixel's as background (ink
/// light on black). Without, a pixel is ink when its level is at least one half, and the cell is one
/// of " ▀▄█" in the terminal's own foreground colour.
///
/// The grid keeps its images' size: when its columns do not fit in `columns` characters, fewer images
/// go in a row (at least one).
struct ImageGridText {
    let grid: ImageGrid
    let title: String?
    let columns: Int
    let color: Bool

    /// Images in a row of text: the grid's, or as many as fit with one blank column between them.
    var imagesPerRow: Int { max(1, min(grid.columns, (columns + 1) / (grid.width + 1))) }

    func lines() -> [TextLine] {
        let perRow = imagesPerRow
        let levels = (0..<grid.count).map(grid.levels)
        var out: [TextLine] = []
        let total = perRow * (grid.width + 1) - 1
        if let title { out.append(TextLine(TextLine.trimmed(TextLine.centered(title, width: total)))) }
        let textRows = (grid.height + 1) / 2
        for first in stride(from: 0, to: grid.count, by: perRow) {
            if first > 0 { out.append(TextLine("")) }
            let shown = first ..< min(first + perRow, grid.count)
            for t in 0..<textRows {
                var text = "", width = 0
                for k in shown {
                    if k > first { text += " "; width += 1 }
                    for c in 0..<grid.width {
                        let upper = levels[k][2 * t * grid.width + c]
                        let lower = 2 * t + 1 < grid.height ? levels[k][(2 * t + 1) * grid.width + c] : nil
                        text += cell(upper: upper, lower: lower)
                        width += 1
                    }
                }
                out.append(color ? TextLine(text: text, width: width) : TextLine(TextLine.trimmed(text)))
            }
        }
        return out
    }

    /// One character holding two pixels (the lower is nil below an image of odd height).
    func cell(upper: Double, lower: Double?) -> String {
        if color {
            let background = lower.map { "\u{1B}[48;5;\(ImageGridText.xtermGrey($0))m" } ?? ""
            return "\u{1B}[38;5;\(ImageGridText.xtermGrey(upper))m" + background + "▀" + PanelText.reset
        }
        switch (upper >= 0.5, (lower ?? 0) >= 0.5) {
        case (false, false): return " "
        case (true, false): return "▀"
        case (false, true): return "▄"
        case (true, true): return "█"
        }
    }

    /// The xterm-256 code of an ink level: 16 (black) for 0, the 24 greys 232–255 between, 231
    /// (white) for 1.
    static func xtermGrey(_ level: Double) -> Int {
        let k = Int((min(max(level, 0), 1) * 25).rounded())
        return k == 0 ? 16 : k == 25 ? 231 : 231 + k
    }
}
