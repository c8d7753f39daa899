import AELang
import AEPlots

/// Composing figures (`figure`, `add`, `panels`) and drawing them in the terminal (`show`).
extension PlotBuiltins {
    // MARK: Composition

    static let figure = Function(
        name: "figure",
        parameters: [Parameter("figures", variadic: true), Parameter("title", default: .nil),
                     Parameter("xlabel", default: .nil), Parameter("ylabel", default: .nil),
                     Parameter("xlim", default: .nil), Parameter("ylim", default: .nil),
                     Parameter("legend", default: .nil), Parameter("equal", default: .nil)],
        doc: """
        figure(figs..., title:, xlabel:, ylabel:, xlim:, ylim:, legend:, equal:): a new figure with the
        layers of the given figures on one set of axes, the first drawn at the bottom. Options left out
        are taken from the first figure that has them; legend: true/false forces the legend on or off.

            data = spiral(200)
            sink = quiver(fn(p) [-p[0], -p[1]], grid: [-0.5, 0.5, -0.5, 0.5], steps: 8)
            fig = figure(scatter(data, label: "data"), sink, title: "data over a field")
            empty = figure(title: "to fill with add()")
        """
    ) { args in
        let figures = try args.list("figures").enumerated().map { k, v in try singleFigure(v, what: "figs[\(k)]", args: args, argument: "figures") }
        try refuseOverlaidImages(figures, args: args, argument: "figures")
        var fig = Figure(layers: figures.flatMap(\.layers))
        fig.title = try PlotOptions.text(args, "title") ?? figures.lazy.compactMap(\.title).first
        fig.xLabel = try PlotOptions.text(args, "xlabel") ?? figures.lazy.compactMap(\.xLabel).first
        fig.yLabel = try PlotOptions.text(args, "ylabel") ?? figures.lazy.compactMap(\.yLabel).first
        fig.xLimits = try PlotOptions.limits(args["xlim"], name: "xlim", owner: "figure(): ")
            ?? figures.lazy.compactMap(\.xLimits).first
        fig.yLimits = try PlotOptions.limits(args["ylim"], name: "ylim", owner: "figure(): ")
            ?? figures.lazy.compactMap(\.yLimits).first
        fig.legend = args.isNil("legend") ? nil : try args.bool("legend")
        fig.equalAspect = args.isNil("equal") ? figures.contains(where: \.equalAspect) : try args.bool("equal")
        return result(fig)
    }

    static let add = Function(
        name: "add",
        parameters: [Parameter("fig"), Parameter("layers", variadic: true)],
        doc: """
        add(fig, figs...): adds the layers of figs on top of fig's, changing fig (a Figure is shared, like
        a model), and returns fig. Titles and labels of fig stay.

            fig = quiver(fn(p) [-p[0], -p[1]], grid: [-1, 1, -1, 1], steps: 9)
            add(fig, markers([[0, 0]], label: "fixed point"))
            fig.title = "a sink"                  # save(fig, "field.svg") writes it
        """
    ) { args in
        let target = try args.object("fig", as: FigureValue.self)
        guard case .single(var fig) = target.plot else {
            throw NativeError("add(): fig is a grid of panels; add layers to a panel before panels(...)", argument: "fig")
        }
        for (k, v) in try args.list("layers").enumerated() {
            let extra = try singleFigure(v, what: "layers[\(k)]", args: args, argument: "layers")
            try refuseOverlaidImages([fig, extra], args: args, argument: "layers")
            fig.layers += extra.layers
            fig.equalAspect = fig.equalAspect || extra.equalAspect
        }
        target.plot = .single(fig)
        return args["fig"]
    }

    static let panels = Function(
        name: "panels",
        parameters: [Parameter("figs"), Parameter("cols", default: .number(2)), Parameter("title", default: .nil)],
        doc: """
        panels(figs, cols: 2, title: nil): figures side by side in a grid, cols per row, filled row by row.

            data = spiral(300); samples = draw(spiral_density(noise: 0.02), 300)
            panels([scatter(data, title: "data"), scatter(samples, title: "samples")], cols: 2)
        """
    ) { args in
        let figs = try args.list("figs").enumerated().map { k, v in try singleFigure(v, what: "figs[\(k)]", args: args, argument: "figs") }
        guard !figs.isEmpty else { throw NativeError("panels(): figs is empty", argument: "figs") }
        let cols = try args.int("cols", in: 1...50)
        return .object(FigureValue(.grid(FigureGrid(panels: figs, columns: min(cols, figs.count),
                                                    title: try PlotOptions.text(args, "title")))))
    }

    /// The figure `value` (named `what` in messages, e.g. "figs[2]"), which must not be a grid; errors
    /// point at the parameter `argument`.
    static func singleFigure(_ value: Value, what: String, args: Arguments, argument: String) throws -> Figure {
        guard case .object(let object as FigureValue) = value else {
            throw NativeError("\(args.function.name)(): \(what) must be a Figure, not \(value.typeName)", argument: argument)
        }
        guard case .single(let fig) = object.plot else {
            throw NativeError("\(args.function.name)(): \(what) is a grid of panels; panels cannot be nested or overlaid",
                              argument: argument)
        }
        return fig
    }

    /// Images fill their panel without axes: nothing can be drawn over them, nor they over axes.
    static func refuseOverlaidImages(_ figures: [Figure], args: Arguments, argument: String) throws {
        guard figures.contains(where: { $0.imageGrid != nil }), figures.reduce(0, { $0 + $1.layers.count }) > 1 else { return }
        throw NativeError("\(args.function.name)(): a figure of images cannot share its panel with other layers",
                          argument: argument, hint: "put them side by side: panels([imgs, other])")
    }

    // MARK: Output

    static let show = Function(
        name: "show",
        parameters: [Parameter("fig"), Parameter("width", default: .number(60)), Parameter("height", default: .number(15)),
                     Parameter("color", default: .nil)],
        doc: """
        show(fig, width: 60, height: 15, color: nil): draws the figure in the terminal with braille dots
        (2 × 4 per character), width × height characters (a grid's panels get width/2.5 × height/2.5).
        color: nil uses ANSI colours when the output is a colour terminal (the host decides: the command
        line does when NO_COLOR is unset and TERM is not dumb); true or false forces it. In a notebook
        the figure is drawn as SVG instead.

            show(scatter(spiral(500)))
            fig = curve(fn(x) x ^ 3 - x, range: [-2, 2])
            show(fig, width: 100, height: 30, color: false)
        """
    ) { args in
        let fig = try args.object("fig", as: FigureValue.self)
        let width = try args.int("width", in: 10...1000)
        let height = try args.int("height", in: 3...500)
        let color = args.isNil("color") ? args.context.options.colorOutput : try args.bool("color")
        // A notebook draws the figure itself; a terminal gets braille.
        if args.context.showRich(fig) { return .nil }
        args.context.write(fig.render(width: width, height: height, color: color))
        return .nil
    }
}
