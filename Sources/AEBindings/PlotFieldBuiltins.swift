import AELang
import AENumerics
import AEPlots

/// The plots of fields and samples: `quiver` (Figures 5 and 7), `pairs` (Figure 6), `trace`.
extension PlotBuiltins {
    static let quiver = Function(
        name: "quiver",
        parameters: [Parameter("field"), Parameter("grid", default: .nil), Parameter("data", default: .nil),
                     Parameter("steps", default: .number(20)), Parameter("scale", default: .string("linear")),
                     Parameter("magnitude", default: .bool(false))] + PlotOptions.common,
        doc: """
        quiver(field, grid: nil, data: nil, steps: 20, scale: "linear", magnitude: false): a 2-D vector
        field as arrows, with data (if given) drawn underneath (Figure 5).

        field is a 2-D auto-encoder (arrows r(x) − x, the paper's estimate of the score up to σ²), a 2-D
        density (its score), a function fn(p) returning [u, v] at p = [x, y], or a record {x:, y:, u:, v:}
        of equal-length lists (grid is then ignored). grid is [xmin, xmax, ymin, ymax] (steps × steps
        arrows), a Dataset of 2-D points, or nil: the box of the data plus 10% (else [-1, 1]²).
        The longest arrow is 0.9 grid spacings long. Near the data the vectors are tiny, so
        scale: "log" makes lengths grow with log10 of the magnitude (over three decades) and
        magnitude: true colours each arrow by its log-magnitude (viridis: dark small, yellow large).
        \(PlotOptions.commonDoc)

            ae = dae(hidden: 1000, sigma: 0.01); data = spiral(10000); train(ae, data)
            fig = quiver(ae, data: data, scale: "log", magnitude: true, title: "r(x) − x")
            quiver(fn(p) [-p[0], -p[1]], grid: [-1, 1, -1, 1], steps: 15)
        """
    ) { args in
        let steps = try args.int("steps", in: 2...500)
        let scaling = Quiver.Scaling(rawValue: try args.choice("scale", ["linear", "log"]))!
        var data: Dataset? = nil
        if !args.isNil("data") {
            let d = try args.dataset("data")
            guard d.dim == 2 else {
                throw NativeError("quiver(): data has dimension \(d.dim); quiver draws 2-D fields", argument: "data",
                                  hint: "pairs(data, samples) shows pairs of dimensions of higher-dimensional data")
            }
            data = d
        }
        let (points, vectors) = try fieldArrows(args, data: data, steps: steps)
        var layers: [Layer] = []
        if let data {
            layers.append(.scatter(Scatter(xs: data.column(0), ys: data.column(1), label: "data",
                                           color: Palette.color(0), size: 1, opacity: 0.5)))
        }
        layers.append(.quiver(Quiver(xs: points.column(0), ys: points.column(1), us: vectors.column(0),
                                     vs: vectors.column(1), label: try PlotOptions.text(args, "label"),
                                     color: try PlotOptions.color(args) ?? Palette.ink, scaling: scaling,
                                     colorByMagnitude: try args.bool("magnitude"))))
        return result(try PlotOptions.figure(args, layers: layers, equal: true, xLabel: "x0", yLabel: "x1"))
    }

    /// The grid points and the vectors at them.
    static func fieldArrows(_ args: Arguments, data: Dataset?, steps: Int) throws -> (Dataset, Dataset) {
        let threads = args.context.options.threads
        func dimensionError(_ d: Int, _ what: String) -> NativeError {
            NativeError("quiver(): the \(what) is \(d)-dimensional; quiver draws 2-D fields", argument: "field",
                        hint: "pairs(data, samples) shows pairs of dimensions of higher-dimensional data")
        }
        switch args["field"] {
        case .record(let r):
            let keys = ["x", "y", "u", "v"]
            let columns = try keys.map { key -> [Double] in
                guard let v = r[key], case .list(let items) = v else {
                    throw NativeError("quiver(): a field record needs lists x, y, u and v; '\(key)' is missing",
                                      argument: "field")
                }
                return try items.map { item in
                    guard case .number(let x) = item else {
                        throw NativeError("quiver(): field.\(key) must hold numbers", argument: "field")
                    }
                    return x
                }
            }
            guard columns.allSatisfy({ $0.count == columns[0].count }) else {
                throw NativeError("quiver(): field.x, .y, .u and .v must have the same length", argument: "field")
            }
            guard !columns[0].isEmpty else { throw NativeError("quiver(): the field is empty", argument: "field") }
            let n = columns[0].count
            let points = Dataset(rows: n, dim: 2, values: (0..<n).flatMap { [columns[0][$0], columns[1][$0]] })
            let vectors = Dataset(rows: n, dim: 2, values: (0..<n).flatMap { [columns[2][$0], columns[3][$0]] })
            return (points, vectors)
        case .function(let f):
            let points = try PlotSources.grid(args["grid"], steps: steps, around: data, args: args)
            var values: [Double] = []
            for i in 0..<points.n {
                try args.context.checkInterrupt()
                let p = points.row(i)
                let out = try args.context.call(f, [.list([.number(p[0]), .number(p[1])])])
                guard case .list(let items) = out, items.count == 2,
                      case .number(let u) = items[0], case .number(let v) = items[1] else {
                    throw NativeError("quiver(): field must return [u, v], two numbers; it returned a \(out.typeName)",
                                      argument: "field")
                }
                values += [u, v]
            }
            return (points, Dataset(rows: points.n, dim: 2, values: values))
        case .object(let object):
            if let model = findInside((any ReconstructionField).self, object) {
                guard model.dim > 0 else {
                    throw NativeError("quiver(): the auto-encoder is not trained yet", argument: "field",
                                      hint: "train(ae, data) first")
                }
                guard model.dim == 2 else { throw dimensionError(model.dim, "auto-encoder") }
                let points = try PlotSources.grid(args["grid"], steps: steps, around: data, args: args)
                var r = model.reconstruct(points, threads: threads)
                for k in r.values.indices { r.values[k] -= points.values[k] }
                return (points, r)
            }
            if let field = findInside((any ScoreField).self, object) {
                guard field.dim == 2 else { throw dimensionError(field.dim, "density") }
                let points = try PlotSources.grid(args["grid"], steps: steps, around: data, args: args)
                return (points, field.score(points, threads: threads))
            }
            throw NativeError("quiver(): cannot draw a \(args["field"].typeName) as a vector field", argument: "field",
                              hint: "give an auto-encoder, a density, a function fn(p) [u, v] or a record {x:, y:, u:, v:}")
        default:
            throw args.mismatch("field", expected: "an auto-encoder, a density, a function or a record")
        }
    }

    static let pairs = Function(
        name: "pairs",
        parameters: [Parameter("data"), Parameter("samples", default: .nil), Parameter("dims", default: .nil),
                     Parameter("cols", default: .nil), Parameter("title", default: .nil)],
        doc: """
        pairs(data, samples: nil, dims: nil, cols: nil, title: nil): Figure 6's layout. For each pair of
        consecutive dimensions (x0, x1), (x1, x2) … (x9, x0), a panel of data and, with samples, a panel
        of the samples beside it on the same axes. dims picks and orders the dimensions (default all);
        cols defaults to 4 with samples (two pairs a row), else 3.

            pairs(manifold10(1000), chain.samples)
            pairs(data, dims: [0, 1, 2], cols: 3)
        """
    ) { args in
        let data = try args.dataset("data")
        var samples: Dataset? = nil
        if !args.isNil("samples") {
            let s = try args.dataset("samples")
            guard s.dim == data.dim else {
                throw NativeError("pairs(): samples have dimension \(s.dim) but data has \(data.dim)", argument: "samples")
            }
            samples = s
        }
        guard data.n > 0 else { throw NativeError("pairs(): data is empty", argument: "data") }
        guard data.dim >= 2 else {
            throw NativeError("pairs(): data is 1-dimensional; pairs needs at least 2 dimensions", argument: "data",
                              hint: "hist(data) shows one dimension")
        }
        let dims = args.isNil("dims") ? Array(0..<data.dim) : try PlotOptions.indices(args, "dims", dim: data.dim)
        guard dims.count >= 2 else { throw NativeError("pairs(): dims must hold at least 2 dimensions", argument: "dims") }
        // With two dimensions the pair (x1, x0) would only mirror (x0, x1).
        let pairs = dims.count == 2 ? [(dims[0], dims[1])] : dims.indices.map { (dims[$0], dims[($0 + 1) % dims.count]) }
        var panels: [Figure] = []
        for (i, j) in pairs {
            let sets = [("data", data, 0)] + (samples.map { [("samples", $0, 1)] } ?? [])
            // Both panels of a pair share their limits, so they compare by eye.
            let xs = sets.flatMap { $0.1.column(i) }, ys = sets.flatMap { $0.1.column(j) }
            let xLimits = padded(xs), yLimits = padded(ys)
            for (name, set, k) in sets {
                panels.append(Figure(title: "\(name) (x\(i), x\(j))", xLimits: xLimits, yLimits: yLimits, layers: [
                    .scatter(Scatter(xs: set.column(i), ys: set.column(j), color: Palette.color(k), size: 1, opacity: 0.5)),
                ]))
            }
        }
        let cols = args.isNil("cols") ? (samples == nil ? 3 : 4) : try args.int("cols", in: 1...50)
        return .object(FigureValue(.grid(FigureGrid(panels: panels, columns: min(cols, panels.count),
                                                    title: try PlotOptions.text(args, "title")))))
    }

    static func padded(_ values: [Double]) -> ClosedRange<Double>? {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return nil }
        let pad = hi > lo ? 0.04 * (hi - lo) : max(abs(lo) * 0.1, 1)
        return (lo - pad)...(hi + pad)
    }

    static let trace = Function(
        name: "trace",
        parameters: [Parameter("chain"), Parameter("dims", default: .nil)] + PlotOptions.common,
        doc: """
        trace(chain, dims: nil): the value of each dimension against the step, one line per chain, one
        panel per dimension (dims; default all, at most the first 3). chain is a Chain (from sample), a
        Dataset whose rows are successive states, or a list of numbers.
        \(PlotOptions.commonDoc)

            c = sample(ae, mh(0.1), 5000); trace(c, dims: [0])
            trace([0.1, 0.3, 0.2, 0.5], title: "a short chain")
        """
    ) { args in
        let chains = try PlotSources.chains(args, "chain")
        guard let first = chains.first, first.n > 0 else { throw NativeError("trace(): the chain is empty", argument: "chain") }
        let dims = args.isNil("dims") ? Array(0..<min(first.dim, 3)) : try PlotOptions.indices(args, "dims", dim: first.dim)
        guard !dims.isEmpty else { throw NativeError("trace(): dims is empty", argument: "dims") }
        let color = try PlotOptions.color(args)
        let figures = try dims.map { j -> Figure in
            let layers = chains.enumerated().map { k, chain in
                Layer.line(Line(xs: (0..<chain.n).map(Double.init), ys: chain.column(j),
                                label: chains.count > 1 ? "chain \(k)" : nil,
                                color: chains.count == 1 ? color : nil, width: 1))
            }
            var fig = try PlotOptions.figure(args, layers: layers, xLabel: "step", yLabel: "x\(j)")
            if dims.count > 1 {
                // One title over the stack, one legend on its first panel.
                fig.title = nil
                if j != dims[0] { fig.legend = false }
            }
            return fig
        }
        if figures.count == 1 { return result(figures[0]) }
        return .object(FigureValue(.grid(FigureGrid(panels: figures, columns: 1, title: try PlotOptions.text(args, "title")))))
    }
}
