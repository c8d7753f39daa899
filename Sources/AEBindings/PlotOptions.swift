import AELang
import AENumerics
import AEPlots

/// The options every plotting builtin shares (`title:`, `xlabel:`, `ylabel:`, `xlim:`, `ylim:`,
/// `label:`, `color:`), and the conversions from script values to plot data.
enum PlotOptions {
    /// The parameters appended to each layer builtin, in this order.
    static let common: [Parameter] = [
        Parameter("label", default: .nil), Parameter("color", default: .nil), Parameter("title", default: .nil),
        Parameter("xlabel", default: .nil), Parameter("ylabel", default: .nil),
        Parameter("xlim", default: .nil), Parameter("ylim", default: .nil),
    ]

    /// The help lines for the common options.
    static let commonDoc = """
        Options of every plot: label: (legend text), color: ("orange", "sky blue", "green", "purple",
        "blue", "vermillion", "yellow", "black", "gray" or "#RRGGBB"), title:, xlabel:, ylabel:,
        xlim: [lo, hi], ylim: [lo, hi].
        """

    /// A figure with the common options of `args` applied.
    static func figure(_ args: Arguments, layers: [Layer], equal: Bool = false,
                       xLabel: String? = nil, yLabel: String? = nil) throws -> Figure {
        Figure(title: try text(args, "title"), xLabel: try text(args, "xlabel") ?? xLabel,
               yLabel: try text(args, "ylabel") ?? yLabel,
               xLimits: try limits(args["xlim"], name: "xlim", owner: "\(args.function.name)(): "),
               yLimits: try limits(args["ylim"], name: "ylim", owner: "\(args.function.name)(): "),
               equalAspect: equal, layers: layers)
    }

    static func text(_ args: Arguments, _ name: String) throws -> String? {
        args.isNil(name) ? nil : try args.string(name)
    }

    /// A `[low, high]` range, or nil for nil. `owner` starts the message: "curve(): " or "a Figure's ".
    static func limits(_ value: Value, name: String, owner: String) throws -> ClosedRange<Double>? {
        if case .nil = value { return nil }
        guard case .list(let items) = value, items.count == 2,
              case .number(let lo) = items[0], case .number(let hi) = items[1] else {
            throw NativeError("\(owner)\(name) must be [low, high], two numbers", argument: name)
        }
        guard lo.isFinite, hi.isFinite, lo < hi else {
            throw NativeError("\(owner)\(name) must be [low, high] with low < high, got "
                              + "[\(formatNumber(lo)), \(formatNumber(hi))]", argument: name)
        }
        return lo...hi
    }

    static let namedColors: [(String, RGB)] = [
        ("orange", Palette.okabeIto[0]), ("sky blue", Palette.okabeIto[1]), ("skyblue", Palette.okabeIto[1]),
        ("green", Palette.okabeIto[2]), ("purple", Palette.okabeIto[3]), ("blue", Palette.okabeIto[4]),
        ("vermillion", Palette.okabeIto[5]), ("red", Palette.okabeIto[5]), ("yellow", Palette.okabeIto[6]),
        ("black", RGB(0, 0, 0)), ("gray", RGB(0x88, 0x88, 0x88)), ("grey", RGB(0x88, 0x88, 0x88)),
    ]

    static func color(_ args: Arguments, _ name: String = "color") throws -> RGB? {
        guard !args.isNil(name) else { return nil }
        return try color(named: try args.string(name), args: args, argument: name)
    }

    /// A colour from its name or `#RRGGBB`; an unknown name is an error pointing at `argument`.
    static func color(named s: String, args: Arguments, argument name: String) throws -> RGB {
        if let named = namedColors.first(where: { $0.0 == s.lowercased() }) { return named.1 }
        let hex = Array(s.utf8)
        if hex.count == 7, hex[0] == UInt8(ascii: "#"), let v = UInt32(String(s.dropFirst()), radix: 16) {
            return RGB(UInt8(v >> 16), UInt8((v >> 8) & 255), UInt8(v & 255))
        }
        throw NativeError("\(args.function.name)(): unknown colour \"\(s)\"", argument: name,
                          hint: "use orange, sky blue, green, purple, blue, vermillion, yellow, black, gray or #RRGGBB")
    }

    /// Whole numbers in a list (dimension indices), each within 0..<dim.
    static func indices(_ args: Arguments, _ name: String, dim: Int) throws -> [Int] {
        let values = try args.numbers(name)
        return try values.map { v in
            guard v == v.rounded(), v >= 0, v < Double(dim) else {
                throw NativeError("\(args.function.name)(): \(name) must hold dimensions between 0 and \(dim - 1), "
                                  + "got \(formatNumber(v))", argument: name)
            }
            return Int(v)
        }
    }

    /// The finite-or-not numbers of a list, a dataset column, or a 1-D dataset; never empty.
    static func values(_ args: Arguments, _ name: String, column: Int = 0) throws -> [Double] {
        let values: [Double]
        if case .list(let items) = args[name], items.allSatisfy({ if case .number = $0 { return true }; return false }) {
            values = try args.numbers(name)
        } else {
            let data = try args.dataset(name)
            guard column < data.dim else {
                throw NativeError("\(args.function.name)(): dim \(column) is out of range for data of dimension "
                                  + "\(data.dim)", argument: "dim")
            }
            values = data.column(column)
        }
        guard !values.isEmpty else { throw NativeError("\(args.function.name)(): \(name) is empty", argument: name) }
        return values
    }
}

/// Finds a value of type `T` in a host object: the object itself, or a stored property of it (one or two
/// levels down), so plots accept models, densities and chains whatever wrapper holds them.
func findInside<T>(_ type: T.Type, _ value: Any, depth: Int = 2) -> T? {
    if let found = value as? T { return found }
    guard depth > 0 else { return nil }
    let mirror = Mirror(reflecting: value)
    // Never walk the elements of arrays (a model's weights): plot sources are named properties.
    if mirror.displayStyle == .collection || mirror.displayStyle == .dictionary || mirror.displayStyle == .set {
        return nil
    }
    for child in mirror.children {
        if let found = findInside(type, child.value, depth: depth - 1) { return found }
    }
    return nil
}
