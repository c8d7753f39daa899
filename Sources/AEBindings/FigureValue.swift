import AELang
import AEPlots
import Foundation

/// A figure as scripts see it: made by `scatter`, `quiver`, `figure`, `panels` ..., drawn by `show`,
/// written by `save(fig, "x.svg")`. Attributes `title`, `xlabel`, `ylabel`, `xlim`, `ylim`, `legend`
/// and `equal` can be read and set (`fig.title = "Spiral"`); `layers` and `panels` are counts.
final class FigureValue: HostObject, Saveable {
    static let typeName = "Figure"
    var plot: Plot

    init(_ plot: Plot) { self.plot = plot }
    convenience init(_ figure: Figure) { self.init(.single(figure)) }

    var summary: String {
        switch plot {
        case .single(let f):
            let kinds = f.layers.map(FigureValue.kindName).joined(separator: " + ")
            var s = "Figure(\(kinds.isEmpty ? "empty" : kinds)"
            if let t = f.title { s += ", title: \"\(t)\"" }
            return s + ")"
        case .grid(let g):
            func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
            var s = "Figure(\(count(g.panels.count, "panel")) in \(count(g.columns, "column"))"
            if let t = g.title { s += ", title: \"\(t)\"" }
            return s + ")"
        }
    }

    static func kindName(_ layer: Layer) -> String {
        switch layer {
        case .scatter: return "scatter"
        case .line: return "line"
        case .quiver: return "quiver"
        case .bars: return "hist"
        case .markers: return "markers"
        case .images: return "images"
        }
    }

    var attributeNames: [String] { ["title", "xlabel", "ylabel", "xlim", "ylim", "legend", "equal", "layers", "panels"] }

    func attribute(_ name: String) -> Value? {
        func text(_ s: String?) -> Value { s.map(Value.string) ?? .nil }
        func limits(_ r: ClosedRange<Double>?) -> Value {
            r.map { .list([.number($0.lowerBound), .number($0.upperBound)]) } ?? .nil
        }
        switch (name, plot) {
        case ("title", _): return text(plot.title)
        case ("panels", _): return .number(Double(plot.figures.count))
        case ("xlabel", .single(let f)): return text(f.xLabel)
        case ("ylabel", .single(let f)): return text(f.yLabel)
        case ("xlim", .single(let f)): return limits(f.xLimits)
        case ("ylim", .single(let f)): return limits(f.yLimits)
        case ("legend", .single(let f)): return f.legend.map(Value.bool) ?? .nil
        case ("equal", .single(let f)): return .bool(f.equalAspect)
        case ("layers", .single(let f)): return .number(Double(f.layers.count))
        case ("layers", .grid(let g)): return .number(Double(g.panels.reduce(0) { $0 + $1.layers.count }))
        default: return nil
        }
    }

    func setAttribute(_ name: String, to value: Value) throws {
        if name == "title" {
            let title = try FigureValue.optionalText(value, name)
            switch plot {
            case .single(var f): f.title = title; plot = .single(f)
            case .grid(var g): g.title = title; plot = .grid(g)
            }
            return
        }
        guard case .single(var f) = plot else {
            throw NativeError("a grid of panels has only a title; set '\(name)' on its panels before panels(...)")
        }
        guard f.imageGrid == nil else {
            throw NativeError("a figure of images has no axes: only its title can be set, not '\(name)'")
        }
        switch name {
        case "xlabel": f.xLabel = try FigureValue.optionalText(value, name)
        case "ylabel": f.yLabel = try FigureValue.optionalText(value, name)
        case "xlim": f.xLimits = try PlotOptions.limits(value, name: name, owner: "a Figure's ")
        case "ylim": f.yLimits = try PlotOptions.limits(value, name: name, owner: "a Figure's ")
        case "legend":
            if case .nil = value { f.legend = nil }
            else if case .bool(let b) = value { f.legend = b }
            else { throw NativeError("a Figure's legend is true, false or nil, not \(value.typeName)") }
        case "equal":
            guard case .bool(let b) = value else { throw NativeError("a Figure's equal is true or false, not \(value.typeName)") }
            f.equalAspect = b
        default:
            throw NativeError("cannot set attribute '\(name)' of a Figure",
                              hint: "settable: title, xlabel, ylabel, xlim, ylim, legend, equal")
        }
        plot = .single(f)
    }

    static func optionalText(_ value: Value, _ name: String) throws -> String? {
        switch value {
        case .nil: return nil
        case .string(let s): return s
        default: throw NativeError("a Figure's \(name) is a string or nil, not \(value.typeName)")
        }
    }

    /// The braille drawing `show` prints: width × height characters, a grid's panels 2/5 of each.
    func render(width: Int, height: Int, color: Bool) -> String {
        TextRenderer(width: width, height: height, panelWidth: max(10, width * 2 / 5),
                     panelHeight: max(3, height * 2 / 5), color: color).render(plot)
    }

    /// The REPL's echo draws the figure as `show` does (a plot area of at most 60 characters, less on
    /// a narrow terminal, leaving room for the axis labels), then its summary.
    func display(width: Int, color: Bool) -> String? {
        let drawing = render(width: max(10, min(width - 8, 60)), height: 15, color: color)
        return drawing + (drawing.hasSuffix("\n") ? "" : "\n") + summary
    }

    /// `.svg`: a standalone SVG; `.txt`: the plain braille drawing that `show` prints.
    func save(to path: String) throws {
        let ext = (path as NSString).pathExtension.lowercased()
        do {
            switch ext {
            case "svg": try SVGRenderer().write(plot, to: path)
            case "txt": try writeAtomically(TextRenderer().render(plot), to: path)
            default:
                throw NativeError("save(): a Figure is saved as .svg or .txt, not '\(path)'", argument: "path")
            }
        } catch let error as PlotError {
            throw NativeError("save(): \(error.message)", argument: "path")
        }
    }
}
