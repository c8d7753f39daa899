import AELang
import AENumerics
import AEPlots
import Foundation

/// The plotting builtins. Every plot is a `Figure` value: layer builtins (`scatter`, `lines`, `curve`,
/// `quiver`, `hist`, `trace`, `markers`) each make a figure with one kind of layer; `figure(a, b, ...)`
/// overlays figures on one set of axes, `add(fig, b)` adds layers to a figure, `panels([a, b], cols:)`
/// lays figures out in a grid; `show(fig)` draws in the terminal, `save(fig, "x.svg")` writes an SVG.
enum PlotBuiltins {
    static var functions: [Function] {
        [scatter, lines, curve, quiver, pairs, hist, trace, markers, images, figure, add, panels, show]
    }

    static func result(_ figure: Figure) -> Value { .object(FigureValue(figure)) }

    // MARK: Layers

    static let scatter = Function(
        name: "scatter",
        parameters: [Parameter("data"), Parameter("y", default: .nil), Parameter("dims", default: .list([.number(0), .number(1)])),
                     Parameter("size", default: .number(1.5)), Parameter("equal", default: .bool(false))]
            + PlotOptions.common,
        doc: """
        scatter(data, y: nil, dims: [0, 1], size: 1.5, equal: false): points as small discs.

        data is a Dataset (columns dims[0] and dims[1] are drawn) or a list of x values with y: the
        list of y values. size is the radius in pixels; equal: true gives both axes the same scale.
        \(PlotOptions.commonDoc)

            fig = scatter(spiral(1000), title: "Spiral", equal: true)
            scatter([1, 2, 3], y: [1, 4, 9], label: "squares")
        """
    ) { args in
        let xs: [Double], ys: [Double]
        var xLabel: String? = nil, yLabel: String? = nil
        if !args.isNil("y") {
            xs = try PlotOptions.values(args, "data")
            ys = try args.numbers("y")
            guard xs.count == ys.count else {
                throw NativeError("scatter(): data has \(xs.count) values but y has \(ys.count)", argument: "y")
            }
        } else {
            let data = try args.dataset("data")
            guard data.dim >= 2 else {
                throw NativeError("scatter(): data is 1-dimensional; give the y values too", argument: "data",
                                  hint: "scatter(xs, y: ys), or hist(data) for the distribution of one variable")
            }
            let dims = try PlotOptions.indices(args, "dims", dim: data.dim)
            guard dims.count == 2 else { throw NativeError("scatter(): dims must hold two dimensions", argument: "dims") }
            xs = data.column(dims[0]); ys = data.column(dims[1])
            xLabel = "x\(dims[0])"; yLabel = "x\(dims[1])"
        }
        let layer = Scatter(xs: xs, ys: ys, label: try PlotOptions.text(args, "label"),
                            color: try PlotOptions.color(args), size: try args.positive("size"))
        return result(try PlotOptions.figure(args, layers: [.scatter(layer)], equal: try args.bool("equal"),
                                             xLabel: xLabel, yLabel: yLabel))
    }

    static let lines = Function(
        name: "lines",
        parameters: [Parameter("x"), Parameter("ys"), Parameter("labels", default: .nil),
                     Parameter("colors", default: .nil), Parameter("dashed", default: .bool(false))] + PlotOptions.common,
        doc: """
        lines(x, ys, labels: nil, colors: nil, dashed: false): one line per list in ys over the common x
        values (Figure 4: the true score against the RCAE and DAE estimates). ys may be a single list;
        labels and colors give one legend text and one colour name per line.
        \(PlotOptions.commonDoc)

            xs = [i / 10 for i in range(-15, 16)]
            lines(xs, [xs ^ 2, xs ^ 3], labels: ["square", "cube"], title: "Powers")
            r = rcae1d(energy1d(), 0.31); d = dae1d(energy1d(), 0.31)     # Figure 4, one panel
            lines(r.grid, [r.true_score, r.score, d.score], labels: ["true score", "RCAE", "DAE"],
                  colors: ["green", "orange", "purple"], title: "σ = 0.31")
        """
    ) { args in
        let x = try PlotOptions.values(args, "x")
        var series: [[Double]]
        if case .list(let items) = args["ys"], let first = items.first, case .list = first {
            series = try items.enumerated().map { k, item in
                guard case .list(let values) = item else {
                    throw NativeError("lines(): ys must be a list of lists of numbers", argument: "ys")
                }
                return try values.map { v in
                    guard case .number(let n) = v else {
                        throw NativeError("lines(): ys[\(k)] must hold numbers, found \(withArticle(v.typeName))", argument: "ys")
                    }
                    return n
                }
            }
        } else {
            series = [try args.numbers("ys")]
        }
        guard !series.isEmpty else { throw NativeError("lines(): ys is empty", argument: "ys") }
        for (k, ys) in series.enumerated() where ys.count != x.count {
            throw NativeError("lines(): x has \(x.count) values but ys[\(k)] has \(ys.count)", argument: "ys")
        }
        var labels: [String?] = Array(repeating: nil, count: series.count)
        if !args.isNil("labels") {
            let given = try args.list("labels").map { v -> String in
                guard case .string(let s) = v else {
                    throw NativeError("lines(): labels must be strings, found \(withArticle(v.typeName))", argument: "labels")
                }
                return s
            }
            guard given.count == series.count else {
                throw NativeError("lines(): \(series.count) lines but \(given.count) labels", argument: "labels")
            }
            labels = given
        } else if !args.isNil("label") {
            labels[0] = try args.string("label")
        }
        var colors: [RGB?] = Array(repeating: nil, count: series.count)
        if !args.isNil("colors") {
            let names = try args.list("colors")
            guard names.count == series.count else {
                throw NativeError("lines(): \(series.count) lines but \(names.count) colors", argument: "colors")
            }
            colors = try names.map { name in
                guard case .string(let s) = name else {
                    throw NativeError("lines(): colors must be colour names, found \(withArticle(name.typeName))", argument: "colors")
                }
                return try PlotOptions.color(named: s, args: args, argument: "colors")
            }
        } else if series.count == 1 {
            colors[0] = try PlotOptions.color(args)
        }
        let dashed = try args.bool("dashed")
        let layers = series.indices.map { k in
            Layer.line(Line(xs: x, ys: series[k], label: labels[k], color: colors[k], dashed: dashed))
        }
        return result(try PlotOptions.figure(args, layers: layers))
    }

    static let curve = Function(
        name: "curve",
        parameters: [Parameter("f"), Parameter("range", default: .list([.number(-1.5), .number(1.5)])),
                     Parameter("n", default: .number(400))] + PlotOptions.common,
        doc: """
        curve(f, range: [-1.5, 1.5], n: 400): the graph of a 1-D function or density over range, at n
        points. For a density (Figure 3), two panels: p(x) and its score d/dx log p(x). For a 1-D
        auto-encoder, its score estimate (r(x) − x)/σ². For a function fn(x) returning a number, one line.
        \(PlotOptions.commonDoc)

            curve(energy1d())                                # Figure 3
            curve(fn(x) exp(-x ^ 2), range: [-3, 3], title: "a bump")
        """
    ) { args in
        guard let span = try PlotOptions.limits(args["range"], name: "range", owner: "curve(): ") else {
            throw NativeError("curve(): range must be [low, high]", argument: "range")
        }
        let n = try args.int("n", in: 2...1_000_000)
        let xs = (0..<n).map { span.lowerBound + (span.upperBound - span.lowerBound) * Double($0) / Double(n - 1) }
        let color = try PlotOptions.color(args)
        let label = try PlotOptions.text(args, "label")
        switch args["f"] {
        case .function(let f):
            var ys: [Double] = []
            ys.reserveCapacity(n)
            for x in xs {
                try args.context.checkInterrupt()
                guard case .number(let y) = try args.context.call(f, [.number(x)]) else {
                    throw NativeError("curve(): f must return a number", argument: "f")
                }
                ys.append(y)
            }
            return result(try PlotOptions.figure(args, layers: [.line(Line(xs: xs, ys: ys, label: label, color: color))],
                                                 xLabel: "x"))
        case .object(let object):
            guard let target = object as? any ScoreFieldValue else {
                throw NativeError("curve(): cannot draw \(withArticle(args["f"].typeName))", argument: "f",
                                  hint: "curve draws a 1-D density or a function fn(x) returning a number")
            }
            let (field, threads) = try PlotOptions.field(target, args: args, name: "f")
            guard field.dim == 1 else {
                throw NativeError("curve(): the \(args["f"].typeName) is \(field.dim)-dimensional; curve draws 1-D "
                                  + "densities", argument: "f", hint: "quiver(density) draws the score of a 2-D density")
            }
            let points = Dataset(rows: n, dim: 1, values: xs)
            let (p, score) = try target.checked { () -> ([Double]?, [Double]) in
                let score = field.score(points, threads: threads).values
                // A density knows its normaliser; any other energy is normalised over the range shown.
                if let density = (object as? DensityValue)?.density {
                    return (density.logp(points, threads: threads).map { exp($0) }, score)
                }
                guard let energyField = field as? any EnergyField else { return (nil, score) }
                let energy = energyField.energy(points, threads: threads)
                let lowest = energy.filter(\.isFinite).min() ?? 0
                let unnormalised = energy.map { exp(-($0 - lowest)) }
                let h = xs[1] - xs[0]
                let mass = h * (unnormalised.reduce(0, +) - (unnormalised[0] + unnormalised[n - 1]) / 2)
                return (unnormalised.map { mass > 0 ? $0 / mass : .nan }, score)
            }
            guard let p else {
                // An auto-encoder has no density to show, only its estimate (r(x) − x)/σ² (eq. 5).
                return result(try PlotOptions.figure(args, layers: [.line(Line(xs: xs, ys: score, label: label,
                                                                              color: color))],
                                                     xLabel: "x", yLabel: "(r(x) − x)/σ²"))
            }
            let left = Figure(title: "p(x)", xLabel: "x", xLimits: span,
                              layers: [.line(Line(xs: xs, ys: p, label: label, color: color ?? Palette.color(0)))])
            let right = Figure(title: "score d/dx log p(x)", xLabel: "x", xLimits: span,
                               layers: [.line(Line(xs: xs, ys: score, color: Palette.color(2)))])
            return .object(FigureValue(.grid(FigureGrid(panels: [left, right], columns: 2,
                                                        title: try PlotOptions.text(args, "title")))))
        default:
            throw args.mismatch("f", expected: "a density or a function")
        }
    }

    static let hist = Function(
        name: "hist",
        parameters: [Parameter("values"), Parameter("bins", default: .number(30)), Parameter("dim", default: .number(0))]
            + PlotOptions.common,
        doc: """
        hist(values, bins: 30, dim: 0): a histogram of a list of numbers, or of column dim of a Dataset,
        in bins equal intervals over the range of the values.
        \(PlotOptions.commonDoc)

            hist(spiral(1000), dim: 0, bins: 40, title: "x0 of the spiral")
        """
    ) { args in
        let bins = try args.int("bins", in: 1...100_000)
        let column = try args.int("dim", in: 0...Int.max)
        let values = try PlotOptions.values(args, "values", column: column)
        guard values.contains(where: \.isFinite) else {
            throw NativeError("hist(): values has no finite number", argument: "values")
        }
        let bars = Bars.histogram(values, bins: bins, label: try PlotOptions.text(args, "label"),
                                  color: try PlotOptions.color(args))
        return result(try PlotOptions.figure(args, layers: [.bars(bars)], yLabel: "count"))
    }

    static let markers = Function(
        name: "markers",
        parameters: [Parameter("points"), Parameter("shape", default: .string("cross")),
                     Parameter("size", default: .number(6))] + PlotOptions.common,
        doc: """
        markers(points, shape: "cross", size: 6): symbols ("cross", "circle", "diamond") at 2-D points,
        e.g. the attractors of an auto-encoder over its vector field (Figure 7). points is a Dataset, a
        list of [x, y] rows, one [x, y], or a record or list of records holding them. Given what
        attractors() returns, the attractors near the data (green crosses) and the spurious ones
        (vermillion diamonds) get their own legend entries. \(PlotOptions.commonDoc)

            data = spiral(300); ae = dae(hidden: 16, sigma: 0.05); train(ae, data, iters: 20, method: "adam")
            fig = quiver(ae, data: data)
            add(fig, markers(attractors(ae, grid(-0.5, 0.5, -0.5, 0.5, 5), data: data)))
            markers([[0, 0], [0.5, 0.5]], shape: "circle", label: "fixed points")
        """
    ) { args in
        let shapeName = try args.choice("shape", Markers.Shape.allCases.map(\.rawValue))
        let rows = try PlotSources.points(args["points"], args: args, name: "points")
        guard rows.allSatisfy({ $0.count == 2 }) else {
            throw NativeError("markers(): points must be 2-D, got \(rows.first?.count ?? 0)-D points", argument: "points")
        }
        let shape = Markers.Shape(rawValue: shapeName)!
        let size = try args.positive("size")
        let label = try PlotOptions.text(args, "label"), color = try PlotOptions.color(args)
        var layers: [Layer] = []
        if let flags = PlotSources.spuriousFlags(args["points"]), flags.count == rows.count, label == nil, color == nil {
            // attractors() output: the attractors near the data and the spurious ones far from it apart.
            for (spurious, name, paletteIndex) in [(false, "attractor", 2), (true, "spurious attractor", 5)] {
                let chosen = rows.indices.filter { flags[$0] == spurious }
                guard !chosen.isEmpty else { continue }
                // A second shape too, so the two kinds differ without colour.
                let kindShape: Markers.Shape = spurious ? (shape == .cross ? .diamond : .cross) : shape
                layers.append(.markers(Markers(xs: chosen.map { rows[$0][0] }, ys: chosen.map { rows[$0][1] },
                                               shape: kindShape, label: name, color: Palette.color(paletteIndex),
                                               size: size)))
            }
        } else {
            layers.append(.markers(Markers(xs: rows.map { $0[0] }, ys: rows.map { $0[1] }, shape: shape, label: label,
                                           color: color ?? Palette.color(5), size: size)))
        }
        return result(try PlotOptions.figure(args, layers: layers))
    }
}
