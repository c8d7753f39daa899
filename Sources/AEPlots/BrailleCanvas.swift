/// A grid of terminal cells, each a Unicode braille character of 2 × 4 dots, so a canvas of `columns` ×
/// `rows` characters has (2·columns) × (4·rows) dots. Pixel (0, 0) is the top-left dot. Each cell keeps
/// the colour of the last layer that drew in it.
public struct BrailleCanvas {
    public let columns: Int
    public let rows: Int
    var bits: [UInt8]
    var colors: [RGB?]
    /// Characters that replace a cell's dots (arrows of a vector field).
    var glyphs: [Character?]

    public init(columns: Int, rows: Int) {
        precondition(columns >= 1 && rows >= 1)
        self.columns = columns
        self.rows = rows
        bits = [UInt8](repeating: 0, count: columns * rows)
        colors = [RGB?](repeating: nil, count: columns * rows)
        glyphs = [Character?](repeating: nil, count: columns * rows)
    }

    /// Puts a character in the cell holding pixel (x, y), over any dots; ignored outside the canvas.
    public mutating func put(_ glyph: Character, atPixel x: Int, _ y: Int, color: RGB? = nil) {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        let cell = (y / 4) * columns + x / 2
        glyphs[cell] = glyph
        if let color { colors[cell] = color }
    }

    public var pixelWidth: Int { 2 * columns }
    public var pixelHeight: Int { 4 * rows }

    /// The dot bit of pixel (dx, dy) within its cell, as in the Unicode braille block (U+2800).
    static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets one dot; dots outside the canvas are ignored (the axes clip).
    public mutating func set(_ x: Int, _ y: Int, color: RGB? = nil) {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        let cell = (y / 4) * columns + x / 2
        bits[cell] |= BrailleCanvas.dotBits[x % 2][y % 4]
        glyphs[cell] = nil  // a later layer's dots show over an earlier layer's character
        if let color { colors[cell] = color }
    }

    /// A straight line of dots between two pixels (Bresenham), clipped to the canvas. With `dash`, a
    /// counter of dots carried from segment to segment: 4 dots drawn, then 3 skipped.
    public mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, color: RGB? = nil, dash: inout Int) {
        // Far-off points (huge arrows, zoomed axes) would make the loop long; clip the span first.
        let limit = 4 * (pixelWidth + pixelHeight)
        guard abs(x0) < limit * 4, abs(x1) < limit * 4, abs(y0) < limit * 4, abs(y1) < limit * 4 else { return }
        var (x, y) = (x0, y0)
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            if dash < 0 || dash % 7 < 4 { set(x, y, color: color) }
            if dash >= 0 { dash += 1 }
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// A solid line of dots between two pixels.
    public mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, color: RGB? = nil) {
        var solid = -1
        line(x0, y0, x1, y1, color: color, dash: &solid)
    }

    /// The character of a cell (a blank braille pattern when empty).
    public func character(column: Int, row: Int) -> Character {
        if let glyph = glyphs[row * columns + column] { return glyph }
        return Character(Unicode.Scalar(0x2800 + UInt32(bits[row * columns + column]))!)
    }

    /// The colour of a cell, if a coloured layer drew in it.
    public func color(column: Int, row: Int) -> RGB? { colors[row * columns + column] }
}
