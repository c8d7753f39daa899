import Foundation
import AEPlots

/// Figures like the paper's, from closed-form data (no random numbers), so the goldens never drift.
enum Fixtures {
    static func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
    }

    /// The spiral of Figure 5 at evenly spaced t: x = 0.04·t·sin t, y = 0.04·t·cos t, t in [3, 12].
    static var spiral: (xs: [Double], ys: [Double]) {
        let t = linspace(3, 12, 200)
        return (t.map { 0.04 * $0 * sin($0) }, t.map { 0.04 * $0 * cos($0) })
    }

    static var scatter: Plot {
        let s = spiral
        return .single(Figure(title: "Spiral data", xLabel: "x0", yLabel: "x1", equalAspect: true,
                              layers: [.scatter(Scatter(xs: s.xs, ys: s.ys, label: "data"))]))
    }

    /// Figure 4's kind: a true score and two estimates.
    static var lines: Plot {
        let x = linspace(-1.5, 1.5, 61)
        let truth = x.map { -4 * $0 * $0 * $0 + 2 * $0 }
        let rcae = x.map { -3.2 * $0 * $0 * $0 + 1.5 * $0 }
        let dae = x.map { -3.0 * $0 * $0 * $0 + 1.4 * $0 + 0.05 }
        return .single(Figure(title: "σ = 0.31 & <estimates>", xLabel: "x", yLabel: "score", layers: [
            .line(Line(xs: x, ys: truth, label: "true score")),
            .line(Line(xs: x, ys: rcae, label: "RCAE")),
            .line(Line(xs: x, ys: dae, label: "DAE", dashed: true)),
        ]))
    }

    /// Figure 3's kind: a density and its score in two panels.
    static var curve: Plot {
        let x = linspace(-1.5, 1.5, 101)
        let p = x.map { exp(-8 * ($0 - 0.5) * ($0 - 0.5)) + 0.6 * exp(-12 * ($0 + 0.7) * ($0 + 0.7)) }
        let score = zip(x, p).map { x, p in
            (-16 * (x - 0.5) * exp(-8 * (x - 0.5) * (x - 0.5)) - 14.4 * (x + 0.7) * exp(-12 * (x + 0.7) * (x + 0.7))) / p
        }
        return .grid(FigureGrid(panels: [
            Figure(title: "p(x)", xLabel: "x", layers: [.line(Line(xs: x, ys: p))]),
            Figure(title: "score d/dx log p(x)", xLabel: "x", layers: [.line(Line(xs: x, ys: score, color: Palette.color(2)))]),
        ], columns: 2, title: "A density and its score"))
    }

    /// A field pulling towards the circle of radius 0.3: u = (0.3 − |x|)·x/|x|.
    static func field(_ n: Int) -> FieldArrays {
        let g = linspace(-0.6, 0.6, n)
        var xs: [Double] = [], ys: [Double] = [], us: [Double] = [], vs: [Double] = []
        for y in g { for x in g {
            let r = max((x * x + y * y).squareRoot(), 1e-9)
            xs.append(x); ys.append(y); us.append((0.3 - r) * x / r); vs.append((0.3 - r) * y / r)
        } }
        return (xs, ys, us, vs)
    }

    static var quiver: Plot {
        let f = field(15)
        let t = linspace(0, 2 * Double.pi, 80)
        return .single(Figure(title: "r(x) − x", xLabel: "x0", yLabel: "x1", equalAspect: true, layers: [
            .scatter(Scatter(xs: t.map { 0.3 * cos($0) }, ys: t.map { 0.3 * sin($0) }, label: "data")),
            .quiver(Quiver(xs: f.0, ys: f.1, us: f.2, vs: f.3, label: "r(x) − x", scaling: .logMagnitude,
                           colorByMagnitude: true)),
        ]))
    }

    /// Figure 7's kind: a field with its attractors marked.
    static var attractors: Plot {
        let f = field(11)
        return .single(Figure(title: "Attractors", equalAspect: true, layers: [
            .quiver(Quiver(xs: f.0, ys: f.1, us: f.2, vs: f.3, color: Palette.ink)),
            .markers(Markers(xs: [0.3, -0.3, 0], ys: [0, 0, 0.3], label: "attractor", color: Palette.color(5))),
            .markers(Markers(xs: [0], ys: [0], shape: .circle, label: "source", color: Palette.color(4))),
        ]))
    }

    /// Figure 6's layout for 3-D points: pairs (x0,x1), (x1,x2), (x2,x0), original and sampled side by side.
    static var pairs: Plot {
        let t = linspace(0, 1, 60)
        let original = [t.map { sin(2 * .pi * $0) }, t.map { cos(2 * .pi * $0) }, t.map { 2 * $0 - 1 }]
        let sampled = original.map { column in column.enumerated().map { $1 + 0.05 * sin(Double($0) * 1.7) } }
        var panels: [Figure] = []
        for i in 0..<3 {
            let j = (i + 1) % 3
            for (name, data, k) in [("original", original, 0), ("sampled", sampled, 1)] {
                panels.append(Figure(title: "\(name) (x\(i), x\(j))", xLimits: -1.2...1.2, yLimits: -1.2...1.2,
                                     layers: [.scatter(Scatter(xs: data[i], ys: data[j], color: Palette.color(k)))]))
            }
        }
        return .grid(FigureGrid(panels: panels, columns: 4))
    }

    static var hist: Plot {
        let values = (0..<500).map { k -> Double in
            let u = (Double(k) + 0.5) / 500
            return (u - 0.5) * 4 * u  // a skewed spread, deterministic
        }
        return .single(Figure(title: "Histogram", xLabel: "value", yLabel: "count",
                              layers: [.bars(Bars.histogram(values, bins: 20, label: "values"))]))
    }

    static var trace: Plot {
        let steps = (0..<200).map(Double.init)
        let a = steps.map { sin($0 / 9) + 0.3 * sin($0 * 1.3) }
        let b = steps.map { 0.5 * cos($0 / 13) - 0.2 * sin($0 * 2.1) }
        return .single(Figure(title: "Chain trace", xLabel: "step", layers: [
            .line(Line(xs: steps, ys: a, label: "x0", width: 1)),
            .line(Line(xs: steps, ys: b, label: "x1", width: 1)),
        ]))
    }

    /// Twelve 8×8 images of a ring whose radius grows, each ring a soft band of grey (levels between
    /// 0 and 1, some values outside [0, 1] to be clamped).
    static var imagePixels: [Double] {
        (0..<12).flatMap { k -> [Double] in
            let radius = 0.8 + 0.25 * Double(k)
            return (0..<64).map { p in
                let (r, c) = (Double(p / 8) - 3.5, Double(p % 8) - 3.5)
                let distance = (r * r + c * c).squareRoot()
                return 1.2 - abs(distance - radius)  // 1.2 on the ring: clamped to ink
            }
        }
    }

    static var images: Plot {
        .single(Figure(title: "Rings", layers: [
            .images(ImageGrid(pixels: imagePixels, count: 12, height: 8, width: 8, columns: 6)),
        ]))
    }

    /// Images as a panel beside axes: the first four rings, each stretched to its own range.
    static var imagePanels: Plot {
        let s = spiral
        return .grid(FigureGrid(panels: [
            Figure(title: "rings", layers: [.images(ImageGrid(pixels: Array(imagePixels[0..<256]), count: 4, height: 8,
                                                              width: 8, columns: 2, scaling: .eachImage))]),
            Figure(title: "spiral", layers: [.scatter(Scatter(xs: s.xs, ys: s.ys))]),
        ], columns: 2))
    }

    static let all: [(String, Plot)] = [
        ("scatter", scatter), ("lines", lines), ("curve", curve), ("quiver", quiver),
        ("attractors", attractors), ("pairs", pairs), ("hist", hist), ("trace", trace),
        ("images", images), ("image-panels", imagePanels),
    ]
}

typealias FieldArrays = ([Double], [Double], [Double], [Double])
