import Foundation

/// Data coordinates to canvas dots.
struct PixelMapper {
    let xRange: ClosedRange<Double>
    let yRange: ClosedRange<Double>
    let width: Int
    let height: Int

    func x(_ v: Double) -> Double {
        (v - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * Double(width - 1)
    }

    func y(_ v: Double) -> Double {
        (yRange.upperBound - v) / (yRange.upperBound - yRange.lowerBound) * Double(height - 1)
    }

    /// The dot nearest to a point, or nil for a non-finite or very distant point.
    func pixel(_ vx: Double, _ vy: Double) -> (Int, Int)? {
        let px = x(vx), py = y(vy)
        guard px.isFinite, py.isFinite, abs(px) < 1e6, abs(py) < 1e6 else { return nil }
        return (Int(px.rounded()), Int(py.rounded()))
    }
}

/// How each kind of layer looks in dots.
enum BrailleLayers {
    /// The arrow character nearest to the direction (dx, dy), y pointing up; "·" when it is too short.
    static func arrowGlyph(dx: Double, dy: Double) -> Character {
        guard (dx * dx + dy * dy).squareRoot() >= 0.5, dx.isFinite, dy.isFinite else { return "·" }
        let arrows: [Character] = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]
        let sector = Int((atan2(dy, dx) / (Double.pi / 4)).rounded())
        return arrows[(sector + 8) % 8]
    }

    static func draw(_ layer: Layer, color: RGB, mapper: PixelMapper, on canvas: inout BrailleCanvas) {
        switch layer {
        case .scatter(let s):
            for (x, y) in zip(s.xs, s.ys) {
                if let (px, py) = mapper.pixel(x, y) { canvas.set(px, py, color: color) }
            }
        case .line(let l):
            var dash = l.dashed ? 0 : -1
            for run in LineRuns.split(xs: l.xs, ys: l.ys) {
                var previous: (Int, Int)? = nil
                for (x, y) in run {
                    guard let p = mapper.pixel(x, y) else { previous = nil; continue }
                    if let q = previous {
                        canvas.line(q.0, q.1, p.0, p.1, color: color, dash: &dash)
                        if dash > 0 { dash -= 1 }  // the shared end dot is drawn once
                    } else {
                        canvas.set(p.0, p.1, color: color)
                    }
                    previous = p
                }
            }
        case .bars(let b):
            guard let base = mapper.pixel(b.edges[0], 0)?.1 else { return }
            for (i, h) in b.heights.enumerated() where h.isFinite && h != 0 {
                guard let p0 = mapper.pixel(b.edges[i], h), let p1 = mapper.pixel(b.edges[i + 1], h) else { continue }
                let right = max(p0.0, p1.0 - 1)
                for px in p0.0...right {
                    canvas.line(px, base, px, p0.1, color: color)
                }
            }
        case .quiver(let q):
            // At 2 × 4 dots a cell, drawn arrows blur into each other; one arrow character per grid
            // point, pointing the arrow's way on screen, reads clearly. "·" marks a vanishing vector.
            // An arrow keeps the cells beside it free, so a dense grid thins out and the data between
            // the arrows stays visible.
            var taken = Set<Int>()
            for a in q.arrows() {
                // The darkest quarter of viridis is lost on a dark terminal background.
                let c = q.colorByMagnitude ? Palette.sequential(0.25 + 0.75 * a.level) : color
                guard let t = mapper.pixel(a.x, a.y) else { continue }
                let cell = (t.1 / 4) * (canvas.columns + 2) + t.0 / 2 + 1
                guard !taken.contains(cell) else { continue }
                taken.formUnion([cell - 1, cell, cell + 1])
                let dx = mapper.x(a.tipX) - mapper.x(a.x), dy = mapper.y(a.y) - mapper.y(a.tipY)
                canvas.put(arrowGlyph(dx: dx, dy: dy), atPixel: t.0, t.1, color: c)
            }
        case .markers(let m):
            // A symbol character: a few dots would vanish among the arrows they mark.
            let glyph: Character = m.shape == .cross ? "×" : m.shape == .circle ? "o" : "◆"
            for (x, y) in zip(m.xs, m.ys) {
                guard let (px, py) = mapper.pixel(x, y) else { continue }
                canvas.put(glyph, atPixel: px, py, color: color)
            }
        case .images:
            break  // drawn by ImageGridText, in place of the canvas
        }
    }
}
